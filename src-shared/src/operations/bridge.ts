import type { Result } from '../errors/error-codes';
import { OPERATION_NAMES } from './operation-names';
import type { OperationName } from './operation-names';
import type { OperationInput, OperationOutput } from './operations';

/** One async function per operation, each answering a Result: the shape of the bridge and of the renderer's API. */
export type OperationApi = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;
};

/** The object the preload exposes on `window[RESETDESK_BRIDGE_KEY]`. */
export type ResetDeskBridge = OperationApi;

export const RESETDESK_BRIDGE_KEY = 'resetdesk';

/**
 * Builds the bridge from one `invoke(channel, input)` function (the channel is the operation's name): used by the
 * preload and by the browser tests. Needs no schema: the main process validates what comes in and goes out.
 */
export function buildBridge(invoke: (channel: OperationName, input: unknown) => Promise<unknown>): ResetDeskBridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of OPERATION_NAMES) bridge[name] = (input: unknown) => invoke(name, input);
  return bridge as unknown as ResetDeskBridge;
}
