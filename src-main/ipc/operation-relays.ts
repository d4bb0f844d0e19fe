import { fail, ok } from '@resetdesk/shared';
import type { FlowResponse, OperationsWithRelay, RemoteOperationName, Result } from '@resetdesk/shared';
import type { ResetServerClient } from '../reset-server/reset-server-client';
import type { FlowTokenStore } from '../session/flow-token-store';
import type { Logger } from '../logging/logger';
import type { IpcContext } from './ipc-types';

export interface RelayDeps {
  client: ResetServerClient;
  tokens: FlowTokenStore;
  /** Sent to the server when the renderer does not say which language it shows. */
  defaultLocale?: string;
  logger: Logger;
}

/** A handler before its operation's types are attached (the dispatcher validated the input with the declaration). */
export type RelayHandler = (input: object, ctx: IpcContext) => Promise<Result<unknown>>;

export const NO_FLOW = 'No password reset is in progress in this window; start again';

/**
 * One generic relay per kind of operation (see Relay in the shared declarations): the renderer's request becomes the
 * declared reset-server call with the token the main process keeps for that window. What goes back is never the
 * token; it is forgotten as soon as the flow ends.
 */
export function createRelays(deps: RelayDeps) {
  const { client, tokens, logger } = deps;
  // The relays pass inputs the dispatcher checked against these same declarations; TS cannot follow a name generically.
  const callServer = (name: RemoteOperationName, flowToken: string | undefined, input: object) =>
    client.call(name, flowToken, input as never) as Promise<Result<unknown>>;

  function toView(senderId: number, result: Result<FlowResponse>): Result<unknown> {
    if (!result.ok) {
      if (result.error.code === 'FLOW_EXPIRED') tokens.clear(senderId);
      return result;
    }
    const { flowToken, flow } = result.value;
    if (flow.step.kind === 'done') tokens.clear(senderId);
    else tokens.set(senderId, flowToken);
    return ok(flow);
  }

  async function cancelOnServer(flowToken: string, what: string): Promise<void> {
    const result = await callServer('cancelFlow', flowToken, {});
    // The flow expires on the server by itself; the user is not kept waiting on a cancel that did not get through.
    if (!result.ok) logger.warn(what, { outcome: result.error.code });
  }

  return {
    cancelOnServer,

    // Every kind of flow starts the same way: a window has one flow at a time, so an older one is cancelled first.
    start: (name: OperationsWithRelay<'start'>): RelayHandler => async (input, ctx) => {
      const previous = tokens.get(ctx.senderId);
      if (previous !== undefined) {
        tokens.clear(ctx.senderId);
        void cancelOnServer(previous, 'Cancelling the flow on the server failed');
      }
      const { locale = deps.defaultLocale, ...rest } = input as { locale?: string };
      const result = await callServer(name, undefined, { ...rest, ...(locale === undefined ? {} : { locale }) });
      return toView(ctx.senderId, result as Result<FlowResponse>);
    },

    flow: (name: OperationsWithRelay<'flow'>): RelayHandler => async (input, ctx) => {
      const flowToken = tokens.get(ctx.senderId);
      if (flowToken === undefined) return fail('FLOW_EXPIRED', NO_FLOW);
      return toView(ctx.senderId, (await callServer(name, flowToken, input)) as Result<FlowResponse>);
    },

    // A query leaves the flow as it is (the password verdict): nothing to view or token to update, just the answer.
    flowQuery: (name: OperationsWithRelay<'flowQuery'>): RelayHandler => (input, ctx) => {
      const flowToken = tokens.get(ctx.senderId);
      if (flowToken === undefined) return Promise.resolve(fail('FLOW_EXPIRED', NO_FLOW));
      return callServer(name, flowToken, input);
    },

    plain: (name: OperationsWithRelay<'plain'>): RelayHandler => (input) => callServer(name, undefined, input),
  };
}
