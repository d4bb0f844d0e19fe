import { fail } from '@resetdesk/shared';
import type { ResetDeskBridge, Result } from '@resetdesk/shared';
import { RESETDESK_BRIDGE_KEY } from '@resetdesk/shared/bridge';
import { OPERATION_NAMES } from '@resetdesk/shared/operation-names';
import type { ResetApi } from './reset-api';

/**
 * The bridge the Electron preload exposes, if this window has one with every function the declarations name.
 * Anything else (a plain browser, a partial object) means "no bridge".
 */
export function findBridge(host: object): ResetDeskBridge | null {
  const candidate: unknown = Reflect.get(host, RESETDESK_BRIDGE_KEY);
  if (typeof candidate !== 'object' || candidate === null) return null;
  const complete = OPERATION_NAMES.every((name) => typeof Reflect.get(candidate, name) === 'function');
  return complete ? (candidate as ResetDeskBridge) : null;
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * The ResetApi inside the desktop app: each operation goes to the bridge function of the same name. The main process
 * validated the answer against the declaration before sending it, so it is not parsed again here; only a failing
 * bridge (a throw, a non-Result) is turned into a Result, so the renderer never crashes on it.
 */
export function createBridgeResetApi(bridge: ResetDeskBridge): ResetApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of OPERATION_NAMES) {
    const call = bridge[name] as (input: unknown) => Promise<unknown>;
    api[name] = async (input) => {
      let answer: unknown;
      try {
        answer = await call(input);
      } catch {
        return fail('INTERNAL', 'The desktop bridge call failed.');
      }
      if (isResult(answer)) return answer;
      return fail('SERVER_BAD_RESPONSE', 'The desktop bridge answered outside the contract.');
    };
  }
  return api as unknown as ResetApi;
}
