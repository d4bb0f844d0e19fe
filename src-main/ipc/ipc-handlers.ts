import { fail, ok } from '@resetdesk/shared';
import type { CaptchaSolution, FlowKind, FlowResponse, FlowView, IpcOutput, PublicConfig, Result } from '@resetdesk/shared';
import type { ResetServerClient } from '../backend/reset-server-client';
import type { FlowTokenStore } from '../session/flow-token-store';
import type { Logger } from '../logging/logger';
import { serverOriginOf } from '../config/server-url';
import type { IpcContext, IpcHandlers } from './ipc-types';

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

const NO_FLOW = 'No password reset is in progress in this window; start again';

/**
 * The IPC handlers: the renderer's requests become reset-server calls with the token the main process keeps for that
 * window. What goes back is only the FlowView; the token stays here, and is forgotten as soon as the flow ends.
 */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { client, tokens, logger } = deps;

  function toView(senderId: number, result: Result<FlowResponse>): Result<FlowView> {
    if (!result.ok) {
      if (result.error.code === 'FLOW_EXPIRED') tokens.clear(senderId);
      return result;
    }
    const { flowToken, flow } = result.value;
    if (flow.step.kind === 'done') tokens.clear(senderId);
    else tokens.set(senderId, flowToken);
    return ok(flow);
  }

  async function withToken(
    ctx: IpcContext,
    call: (flowToken: string) => Promise<Result<FlowResponse>>,
  ): Promise<Result<FlowView>> {
    const flowToken = tokens.get(ctx.senderId);
    if (flowToken === undefined) return fail('FLOW_EXPIRED', NO_FLOW);
    return toView(ctx.senderId, await call(flowToken));
  }

  async function cancelOnServer(flowToken: string): Promise<void> {
    const result = await client.cancel(flowToken);
    // The flow expires on the server by itself; the user is not kept waiting on a cancel that did not get through.
    if (!result.ok) logger.warn('Cancelling the flow on the server failed', { outcome: result.error.code });
  }

  // Only a successful answer is cached: after a failure the next app:info asks the server again.
  let publicConfig: Promise<Result<PublicConfig>> | undefined;
  async function getPublicConfig(): Promise<Result<PublicConfig>> {
    publicConfig ??= client.publicConfig();
    const result = await publicConfig;
    if (!result.ok) publicConfig = undefined;
    return result;
  }

  // Every kind of flow starts the same way: a window has one flow at a time, so an older one is cancelled first.
  async function startFlow(
    kind: FlowKind,
    input: { username: string; locale?: string | undefined; captcha?: CaptchaSolution | undefined },
    ctx: IpcContext,
  ): Promise<Result<FlowView>> {
    const previous = tokens.get(ctx.senderId);
    if (previous !== undefined) {
      tokens.clear(ctx.senderId);
      void cancelOnServer(previous);
    }
    const locale = input.locale ?? deps.defaultLocale;
    const result = await client.startFlow({
      kind,
      username: input.username,
      ...(locale === undefined ? {} : { locale }),
      ...(input.captcha === undefined ? {} : { captcha: input.captcha }),
    });
    return toView(ctx.senderId, result);
  }

  return {
    'flow:start': (input, ctx) => startFlow('reset', input, ctx),
    'flow:startUnlock': (input, ctx) => startFlow('unlock', input, ctx),
    'flow:startChange': (input, ctx) => startFlow('change', input, ctx),
    'flow:changePassword': (input, ctx) => withToken(ctx, (token) => client.changePassword(token, input)),
    'flow:chooseMethod': (input, ctx) => withToken(ctx, (token) => client.chooseMethod(token, input)),
    'flow:verifyCode': (input, ctx) => withToken(ctx, (token) => client.verifyCode(token, input)),
    'flow:current': (_input, ctx) => withToken(ctx, (token) => client.getCurrent(token)),
    'flow:answerQuestions': (input, ctx) => withToken(ctx, (token) => client.answerQuestions(token, input)),
    'flow:checkApproval': (_input, ctx) => withToken(ctx, (token) => client.checkApproval(token)),
    'flow:setPassword': (input, ctx) => withToken(ctx, (token) => client.setPassword(token, input)),
    // A verdict leaves the flow as it is: nothing to view or token to update, just the answer.
    'flow:passwordVerdict': async (input, ctx) => {
      const flowToken = tokens.get(ctx.senderId);
      if (flowToken === undefined) return fail('FLOW_EXPIRED', NO_FLOW);
      return client.passwordVerdict(flowToken, input);
    },
    'flow:cancel': async (_input, ctx): Promise<IpcOutput<'flow:cancel'>> => {
      const flowToken = tokens.get(ctx.senderId);
      tokens.clear(ctx.senderId);
      if (flowToken !== undefined) await cancelOnServer(flowToken);
      return ok({ cancelled: true as const });
    },
    'captcha:get': () => client.captcha(),
    'help:request': (input) => client.requestHelp(input),
    'app:info': async (): Promise<IpcOutput<'app:info'>> => {
      const config = await getPublicConfig();
      if (!config.ok) return config;
      const { organizationName, contactAdminUrl, unlockAllowed, changeAllowed, userIdDomain } = config.value;
      return ok({
        version: deps.appVersion,
        serverOrigin: serverOriginOf(deps.serverUrl),
        organizationName,
        ...(unlockAllowed === undefined ? {} : { unlockAllowed }),
        ...(changeAllowed === undefined ? {} : { changeAllowed }),
        ...(userIdDomain === undefined ? {} : { userIdDomain }),
        ...(contactAdminUrl === undefined ? {} : { contactAdminUrl }),
        ...(deps.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: deps.idleTimeoutSeconds }),
        ...(deps.defaultLocale === undefined ? {} : { locale: deps.defaultLocale }),
        ...(deps.managedSettings === undefined ? {} : { managedSettings: [...deps.managedSettings] }),
      });
    },
  };
}

/**
 * When the window goes away its flow must not linger: forget the token and cancel the flow on the server
 * (best effort, the server expires it anyway).
 */
export function createSenderRelease(deps: Pick<IpcHandlerDeps, 'client' | 'tokens' | 'logger'>) {
  return async (senderId: number): Promise<void> => {
    const flowToken = deps.tokens.get(senderId);
    deps.tokens.clear(senderId);
    if (flowToken === undefined) return;
    const result = await deps.client.cancel(flowToken);
    if (!result.ok) deps.logger.warn('Cancelling the flow of a closed window failed', { outcome: result.error.code });
  };
}
