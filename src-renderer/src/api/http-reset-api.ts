import {
  CaptchaChallengeSchema,
  AnswerQuestionsRequestSchema,
  ChangePasswordRequestSchema,
  ChooseMethodRequestSchema,
  HelpRequestReceivedSchema,
  HelpRequestSchema,
  ErrorResponseSchema,
  fail,
  FLOW_TOKEN_HEADER,
  FlowResponseSchema,
  ok,
  PasswordVerdictSchema,
  PublicConfigSchema,
  ROUTES,
  SetPasswordRequestSchema,
  StartFlowRequestSchema,
  VerifyCodeRequestSchema,
} from '@resetdesk/shared';
import type { ApiError, CaptchaSolution, FlowKind, FlowView, Result } from '@resetdesk/shared';
import type { z } from 'zod';
import type { AppInfo, CancelResult, ResetApi } from './reset-api';

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

export interface HttpResetApiOptions {
  /** Origin of the reset server; in the browser this is the page's own origin. */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type RawResponse = { ok: true; status: number; body: unknown } | { ok: false; error: ApiError };

const NOT_JSON = Symbol('not JSON');

function failure(code: ApiError['code'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

/** A non-2xx answer: the contract's error body if it is one, otherwise what the status most likely means. */
function errorFrom(status: number, body: unknown): { ok: false; error: ApiError } {
  const parsed = ErrorResponseSchema.safeParse(body);
  if (parsed.success) return { ok: false, error: parsed.data.error };
  // A proxy in front of the server answers these with its own page when the server itself is down or slow.
  if (status === 502 || status === 503) return failure('SERVER_UNREACHABLE', `The reset server is unavailable (HTTP ${status}).`);
  if (status === 504) return failure('SERVER_TIMEOUT', 'A gateway timed out waiting for the reset server.');
  return failure('SERVER_BAD_RESPONSE', `The reset server answered HTTP ${status} outside the contract.`);
}

/**
 * The ResetApi for a plain browser: same-origin fetch to the server's routes. The flow token lives only in this
 * closure (never in storage or a URL, so it dies with the page) and travels only in FLOW_TOKEN_HEADER.
 */
export function createHttpResetApi(options: HttpResetApiOptions): ResetApi {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let flowToken: string | null = null;

  async function send(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<RawResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (flowToken !== null) headers[FLOW_TOKEN_HEADER] = flowToken;
      const response = await fetchImpl(new URL(route, options.baseUrl), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
        credentials: 'same-origin',
        redirect: 'error',
      });
      // Read the body under the same timer: a server that sends headers and then stalls is still a timeout.
      const text = await response.text();
      let parsed: unknown = undefined;
      if (text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = NOT_JSON;
        }
      }
      return { ok: true, status: response.status, body: parsed };
    } catch {
      return controller.signal.aborted
        ? failure('SERVER_TIMEOUT', `The reset server did not answer within ${timeoutMs} ms.`)
        : failure('SERVER_UNREACHABLE', 'The reset server could not be reached.');
    } finally {
      clearTimeout(timer);
    }
  }

  async function flowCall(method: 'GET' | 'POST', route: string, body: unknown): Promise<Result<FlowView>> {
    const raw = await send(method, route, body);
    if (!raw.ok) return raw;
    if (raw.status < 200 || raw.status > 299) {
      const error = errorFrom(raw.status, raw.body);
      if (error.error.code === 'FLOW_EXPIRED') flowToken = null; // the server forgot it; so do we
      return error;
    }
    const parsed = FlowResponseSchema.safeParse(raw.body);
    if (!parsed.success) return fail('SERVER_BAD_RESPONSE', 'The reset server sent a flow response outside the contract.');
    const { flowToken: token, flow } = parsed.data;
    // A finished flow's token has no further use; dropping it keeps it out of memory for the rest of the page's life.
    flowToken = flow.step.kind === 'done' ? null : token;
    return ok(flow);
  }

  /** A POST outside any flow (no token involved): the contract's value or the server's error. */
  async function plainCall<S extends z.ZodType>(route: string, body: unknown, schema: S): Promise<Result<z.infer<S>>> {
    const raw = await send('POST', route, body);
    if (!raw.ok) return raw;
    if (raw.status < 200 || raw.status > 299) return errorFrom(raw.status, raw.body);
    const parsed = schema.safeParse(raw.body);
    return parsed.success ? ok(parsed.data) : fail('SERVER_BAD_RESPONSE', 'The reset server answered outside the contract.');
  }

  function validated<S extends z.ZodType>(schema: S, input: unknown, call: (body: z.output<S>) => Promise<Result<FlowView>>) {
    const parsed = schema.safeParse(input);
    return parsed.success
      ? call(parsed.data)
      : Promise.resolve(fail<FlowView>('INVALID_INPUT', 'The request does not match the contract.'));
  }

  function startFlow(
    kind: FlowKind,
    username: string,
    locale: string | undefined,
    captcha: CaptchaSolution | undefined,
  ): Promise<Result<FlowView>> {
    // A new flow never carries the previous one's token.
    flowToken = null;
    const request = {
      kind,
      username,
      ...(locale === undefined ? {} : { locale }),
      ...(captcha === undefined ? {} : { captcha }),
    };
    return validated(StartFlowRequestSchema, request, (body) => flowCall('POST', ROUTES.startFlow, body));
  }

  return {
    startReset: (username, locale, captcha) => startFlow('reset', username, locale, captcha),
    startUnlock: (username, locale, captcha) => startFlow('unlock', username, locale, captcha),
    startChange: (username, locale, captcha) => startFlow('change', username, locale, captcha),
    changePassword: (oldPassword, newPassword) =>
      validated(ChangePasswordRequestSchema, { oldPassword, newPassword }, (body) =>
        flowCall('POST', ROUTES.changePassword, body),
      ),
    chooseMethod: (methodId) =>
      validated(ChooseMethodRequestSchema, { methodId }, (body) => flowCall('POST', ROUTES.chooseMethod, body)),
    verifyCode: (code) =>
      validated(VerifyCodeRequestSchema, { code }, (body) => flowCall('POST', ROUTES.verifyCode, body)),
    answerQuestions: (answers) =>
      validated(AnswerQuestionsRequestSchema, { answers }, (body) => flowCall('POST', ROUTES.answerQuestions, body)),
    checkApproval: () => flowCall('POST', ROUTES.checkApproval, {}),
    getFlow: () => (flowToken === null ? Promise.resolve(fail<FlowView>('FLOW_EXPIRED', 'No flow.')) : flowCall('GET', ROUTES.currentFlow, undefined)),
    setPassword: (newPassword) =>
      validated(SetPasswordRequestSchema, { newPassword }, (body) => flowCall('POST', ROUTES.setPassword, body)),
    async checkPassword(newPassword) {
      if (flowToken === null) return fail('FLOW_EXPIRED', 'No flow.');
      const body = SetPasswordRequestSchema.safeParse({ newPassword });
      if (!body.success) return fail('INVALID_INPUT', 'The request does not match the contract.');
      return plainCall(ROUTES.passwordVerdict, body.data, PasswordVerdictSchema);
    },
    async cancel(): Promise<Result<CancelResult>> {
      if (flowToken === null) return ok({ cancelled: true });
      const raw = await send('DELETE', ROUTES.currentFlow);
      // Whatever the server says, this page is done with the flow.
      flowToken = null;
      if (!raw.ok) return raw;
      if (raw.status >= 200 && raw.status <= 299) return ok({ cancelled: true });
      return errorFrom(raw.status, raw.body);
    },
    async getAppInfo(): Promise<Result<AppInfo>> {
      const raw = await send('GET', ROUTES.publicConfig);
      if (!raw.ok) return raw;
      if (raw.status < 200 || raw.status > 299) return errorFrom(raw.status, raw.body);
      const parsed = PublicConfigSchema.safeParse(raw.body);
      if (!parsed.success) return fail('SERVER_BAD_RESPONSE', 'The reset server sent a configuration outside the contract.');
      const { organizationName, contactAdminUrl, unlockAllowed, changeAllowed, userIdDomain } = parsed.data;
      return ok({
        organizationName,
        ...(contactAdminUrl === undefined ? {} : { contactAdminUrl }),
        ...(unlockAllowed === undefined ? {} : { unlockAllowed }),
        ...(changeAllowed === undefined ? {} : { changeAllowed }),
        ...(userIdDomain === undefined ? {} : { userIdDomain }),
      });
    },
    getCaptcha: () => plainCall(ROUTES.captcha, {}, CaptchaChallengeSchema),
    requestHelp: (username, reason, captcha) => {
      const parsed = HelpRequestSchema.safeParse({ username, reason, ...(captcha ? { captcha } : {}) });
      if (!parsed.success) return Promise.resolve(fail('INVALID_INPUT', 'The request does not match the contract.'));
      return plainCall(ROUTES.helpRequest, parsed.data, HelpRequestReceivedSchema);
    },
  };
}
