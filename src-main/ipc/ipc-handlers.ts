import { OPERATIONS, OPERATION_NAMES, ok } from '@resetdesk/shared';
import type { OperationOutput, PublicConfig, Relay, Result } from '@resetdesk/shared';
import type { ResetServerClient } from '../reset-server/reset-server-client';
import type { FlowTokenStore } from '../session/flow-token-store';
import type { Logger } from '../logging/logger';
import { serverOriginOf } from '../config/server-url';
import type { IpcHandlers } from './ipc-types';
import { createRelays } from './operation-relays';
import type { RelayHandler } from './operation-relays';

export interface IpcHandlerDeps {
  client: ResetServerClient;
  tokens: FlowTokenStore;
  appVersion: string;
  serverUrl: string;
  /** Sent to the server when the renderer does not say which language it shows. */
  defaultLocale?: string;
  /** Managed idle timeout, passed to the wizard for its countdown. */
  idleTimeoutSeconds?: number;
  /** Setting keys set by machine or user policy. */
  managedSettings?: readonly string[];
  logger: Logger;
}

/**
 * The IPC handlers, derived from the operation declarations: each operation goes through the relay its declaration
 * names (operation-relays.ts). Only the two the main process answers itself are written here: the app's info and
 * the cancel (which forgets the token whatever the server says).
 */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { client, tokens } = deps;
  const relays = createRelays(deps);

  // Only a successful answer is cached: after a failure the next getAppInfo asks the server again.
  let publicConfig: Promise<Result<PublicConfig>> | undefined;
  async function getPublicConfig(): Promise<Result<PublicConfig>> {
    publicConfig ??= client.publicConfig();
    const result = await publicConfig;
    if (!result.ok) publicConfig = undefined;
    return result;
  }

  async function getAppInfo(): Promise<Result<OperationOutput<'getAppInfo'>>> {
    const config = await getPublicConfig();
    if (!config.ok) return config;
    const { organizationName, contactAdminUrl, unlockAllowed, changeAllowed, userIdDomain } = config.value;
    const { registrationAllowed } = config.value;
    return ok({
      version: deps.appVersion,
      serverOrigin: serverOriginOf(deps.serverUrl),
      organizationName,
      ...(unlockAllowed === undefined ? {} : { unlockAllowed }),
      ...(changeAllowed === undefined ? {} : { changeAllowed }),
      ...(registrationAllowed === undefined ? {} : { registrationAllowed }),
      ...(userIdDomain === undefined ? {} : { userIdDomain }),
      ...(contactAdminUrl === undefined ? {} : { contactAdminUrl }),
      ...(deps.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: deps.idleTimeoutSeconds }),
      ...(deps.defaultLocale === undefined ? {} : { locale: deps.defaultLocale }),
      ...(deps.managedSettings === undefined ? {} : { managedSettings: [...deps.managedSettings] }),
    });
  }

  const local: Record<'appInfo' | 'cancel', RelayHandler> = {
    appInfo: getAppInfo,
    cancel: async (_input, ctx) => {
      const flowToken = tokens.get(ctx.senderId);
      tokens.clear(ctx.senderId);
      if (flowToken !== undefined) await relays.cancelOnServer(flowToken, 'Cancelling the flow on the server failed');
      return ok({ cancelled: true as const });
    },
  };

  // Each relay takes the names declared with it; `never` lets one table hold them all.
  const byRelay: { [R in Relay]: (name: never) => RelayHandler } = {
    start: relays.start,
    flow: relays.flow,
    flowQuery: relays.flowQuery,
    plain: relays.plain,
    appInfo: () => local.appInfo,
    cancel: () => local.cancel,
  };
  const handlers = Object.fromEntries(
    OPERATION_NAMES.map((name) => [name, byRelay[OPERATIONS[name].relay](name as never)]),
  );
  return handlers as unknown as IpcHandlers;
}

/**
 * When the window goes away its flow must not linger: forget the token and cancel the flow on the server
 * (best effort, the server expires it anyway).
 */
export function createSenderRelease(deps: Pick<IpcHandlerDeps, 'client' | 'tokens' | 'logger'>) {
  const relays = createRelays(deps);
  return async (senderId: number): Promise<void> => {
    const flowToken = deps.tokens.get(senderId);
    deps.tokens.clear(senderId);
    if (flowToken === undefined) return;
    await relays.cancelOnServer(flowToken, 'Cancelling the flow of a closed window failed');
  };
}
