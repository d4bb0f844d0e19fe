import {
  ErrorResponseSchema,
  fail,
  FLOW_TOKEN_HEADER,
  FlowResponseSchema,
  OPERATIONS,
  OPERATION_NAMES,
  ok,
  httpOf,
  isRemoteOperation,
  wireBody,
  wireResponseSchema,
} from '@resetdesk/shared';
import type { ApiError, PublicConfig, RemoteOperationName, Result } from '@resetdesk/shared';
import type { AppInfo, ResetApi } from './reset-api';

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

  /** A successful answer: a flow step keeps (or, once done, drops) the token and answers the view. */
  function success(name: RemoteOperationName, body: unknown): Result<unknown> {
    const { relay } = OPERATIONS[name];
    if (relay === 'cancel') return ok({ cancelled: true });
    if (relay === 'start' || relay === 'flow') {
      const parsed = FlowResponseSchema.safeParse(body);
      if (!parsed.success) {
        return fail('SERVER_BAD_RESPONSE', 'The reset server sent a flow response outside the contract.');
      }
      const { flowToken: token, flow } = parsed.data;
      // A finished flow's token has no further use; dropping it keeps it out of memory for the rest of the page's life.
      flowToken = flow.step.kind === 'done' ? null : token;
      return ok(flow);
    }
    const parsed = wireResponseSchema(name)?.safeParse(body);
    if (parsed?.success) return ok(parsed.data);
    return fail('SERVER_BAD_RESPONSE', 'The reset server answered outside the contract.');
  }

  /** Any declared operation with a route, relayed the way its declaration says (see Relay). */
  async function callServer(name: RemoteOperationName, input: unknown): Promise<Result<unknown>> {
    const { relay } = OPERATIONS[name];
    // A new flow never carries the previous one's token.
    if (relay === 'start') flowToken = null;
    // Without a flow there is nothing to cancel, read or ask about; a step is sent and the server answers it.
    if (flowToken === null) {
      if (relay === 'cancel') return ok({ cancelled: true });
      if (relay === 'flowQuery' || (relay === 'flow' && httpOf(name).method === 'GET')) {
        return fail('FLOW_EXPIRED', 'No flow.');
      }
    }
    const parsed = OPERATIONS[name].input.safeParse(input);
    if (!parsed.success) return fail('INVALID_INPUT', 'The request does not match the contract.');
    const raw = await send(httpOf(name).method, httpOf(name).path, wireBody(name, parsed.data as never));
    // Whatever the server says to a cancel, this page is done with the flow.
    if (relay === 'cancel') flowToken = null;
    if (!raw.ok) return raw;
    if (raw.status >= 200 && raw.status <= 299) return success(name, raw.body);
    const error = errorFrom(raw.status, raw.body);
    // The server forgot the flow; so do we.
    if ((relay === 'start' || relay === 'flow') && error.error.code === 'FLOW_EXPIRED') flowToken = null;
    return error;
  }

  // The only operation a browser answers itself: the server's public config stands in for the desktop's app info.
  async function getAppInfo(): Promise<Result<AppInfo>> {
    const config = (await callServer('getPublicConfig', {})) as Result<PublicConfig>;
    if (!config.ok) return config;
    const { organizationName, contactAdminUrl, unlockAllowed, changeAllowed, userIdDomain } = config.value;
    const { registrationAllowed } = config.value;
    return ok({
      organizationName,
      ...(contactAdminUrl === undefined ? {} : { contactAdminUrl }),
      ...(unlockAllowed === undefined ? {} : { unlockAllowed }),
      ...(changeAllowed === undefined ? {} : { changeAllowed }),
      ...(registrationAllowed === undefined ? {} : { registrationAllowed }),
      ...(userIdDomain === undefined ? {} : { userIdDomain }),
    });
  }

  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of OPERATION_NAMES) {
    api[name] = isRemoteOperation(name) ? (input) => callServer(name, input) : getAppInfo;
  }
  return api as unknown as ResetApi;
}
