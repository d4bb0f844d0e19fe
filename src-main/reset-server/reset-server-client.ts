import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import {
  ErrorResponseSchema,
  FLOW_TOKEN_HEADER,
  fail,
  httpOf,
  ok,
  wireBody,
  wireResponseSchema,
} from '@resetdesk/shared';
import type { OperationInput, PublicConfig, RemoteOperationName, Result, WireOutput } from '@resetdesk/shared';
import { mapAxiosError } from './map-axios-error';
import { httpsAgentFor } from './https-agent';
import type { DeviceTrust } from '../devices/device-trust';
import type { RequestSigner } from '../devices/request-signer';

/** The reset server's HTTP API as the main process uses it. Every call resolves to a Result and never throws. */
export interface ResetServerClient {
  /**
   * Sends a declared operation to its route (the token, when given, in its header) and checks the answer once, with
   * the declaration's schema: a flow step answers its FlowResponse, a cancel nothing, the others their output.
   */
  call<N extends RemoteOperationName>(
    name: N,
    flowToken: string | undefined,
    input: OperationInput<N>,
  ): Promise<Result<WireOutput<N>>>;
  /** The same as call('getPublicConfig'): the app info is built from it. */
  publicConfig(): Promise<Result<PublicConfig>>;
}

export interface ResetServerClientOptions {
  serverUrl: string;
  timeoutMs: number;
  /** Pauses before each retry of an idempotent GET; its length is the number of retries. Default: two retries. */
  retryDelaysMs?: readonly number[];
  userAgent?: string;
  /** PEM of the organisation's CA (policy trustedCaFile), trusted besides the built-in roots. */
  trustedCaPem?: string;
  /** The organisation's proxy (policy proxyUrl): requests to an https server go through a CONNECT tunnel. */
  proxyUrl?: string;
  /** When present, every request is signed with the device credential (enrolling first if needed). */
  deviceTrust?: DeviceTrust;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [250, 750];

// Answers are small JSON documents; anything bigger is not our server.
const MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_REQUEST_BYTES = 64 * 1024;

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/iu;

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

function createHttp(options: ResetServerClientOptions): AxiosInstance {
  return axios.create({
    baseURL: options.serverUrl,
    timeout: options.timeoutMs,
    adapter: 'http',
    // A redirect could carry the token and the password to another host: a 3xx is an unusable answer instead.
    maxRedirects: 0,
    // Every status is a response to interpret, not an exception.
    validateStatus: () => true,
    // Parse JSON ourselves, so that an unparseable body is a clear SERVER_BAD_RESPONSE and not a half-parsed string.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
    maxContentLength: MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_REQUEST_BYTES,
    // Requests carry passwords: proxy environment variables must not silently route them through another host.
    proxy: false,
    httpsAgent: httpsAgentFor({ trustedCaPem: options.trustedCaPem, proxyUrl: options.proxyUrl }),
    headers: {
      Accept: 'application/json',
      ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
    },
  });
}

function badResponse<T>(status: number, what: string): Result<T> {
  return fail('SERVER_BAD_RESPONSE', `The reset server sent ${what} (HTTP ${status})`);
}

function parseJson(raw: RawResponse): { ok: true; value: unknown } | { ok: false } {
  if (!JSON_CONTENT_TYPE.test(raw.contentType)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw.text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isSuccess(raw: RawResponse): boolean {
  return raw.status >= 200 && raw.status < 300;
}

/** The server's own error (passed through as it is), or SERVER_BAD_RESPONSE when the body is not a contract error. */
function interpretFailure<T>(raw: RawResponse): Result<T> {
  const json = parseJson(raw);
  if (!json.ok) return badResponse(raw.status, 'an error that is not JSON');
  const parsedError = ErrorResponseSchema.safeParse(json.value);
  if (!parsedError.success) return badResponse(raw.status, 'an error that does not match the contract');
  return { ok: false, error: parsedError.data.error };
}

/** Turns a response into the contract's value, the server's own error, or SERVER_BAD_RESPONSE. */
function interpret<S extends z.ZodType>(raw: RawResponse, schema: S): Result<z.infer<S>> {
  if (!isSuccess(raw)) return interpretFailure(raw);
  const json = parseJson(raw);
  if (!json.ok) return badResponse(raw.status, 'a body that is not JSON');
  const parsed = schema.safeParse(json.value);
  return parsed.success ? ok(parsed.data) : badResponse(raw.status, 'a body that does not match the contract');
}

/** For calls answered with 204 No Content (cancel). */
function interpretNoContent(raw: RawResponse): Result<undefined> {
  if (!isSuccess(raw)) return interpretFailure(raw);
  return raw.text.trim() === '' ? ok(undefined) : badResponse(raw.status, 'an unexpected body');
}

/** Adds the device headers, signing the exact path and body text this request will carry. */
function withDeviceSignature(http: AxiosInstance, config: AxiosRequestConfig, signer: RequestSigner): AxiosRequestConfig {
  const url = new URL(http.getUri(config));
  const flowToken = (config.headers as Record<string, unknown> | undefined)?.[FLOW_TOKEN_HEADER];
  const headers = signer.sign({
    method: config.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    body: typeof config.data === 'string' ? config.data : '',
    ...(typeof flowToken === 'string' ? { flowToken } : {}),
  });
  return { ...config, headers: { ...(config.headers as Record<string, string> | undefined), ...headers } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createResetServerClient(options: ResetServerClientOptions): ResetServerClient {
  const http = createHttp(options);
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  async function send(config: AxiosRequestConfig): Promise<Result<RawResponse>> {
    // Only reads are repeated: a repeated POST could send a second code or set a password twice.
    const idempotent = config.method === 'GET';
    const signer = options.deviceTrust ? await options.deviceTrust.signer() : ok(null);
    if (!signer.ok) return signer;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await http.request<string>(
          signer.value === null ? config : withDeviceSignature(http, config, signer.value),
        );
        const contentType = response.headers['content-type'];
        return ok({
          status: response.status,
          contentType: typeof contentType === 'string' ? contentType : '',
          text: typeof response.data === 'string' ? response.data : '',
        });
      } catch (error) {
        const failure = mapAxiosError(error);
        const delay = retryDelays[attempt];
        if (!idempotent || !failure.retryable || delay === undefined) return { ok: false, error: failure.error };
        await sleep(delay);
      }
    }
  }

  async function request<S extends z.ZodType>(config: AxiosRequestConfig, schema: S): Promise<Result<z.infer<S>>> {
    const raw = await send(config);
    return raw.ok ? interpret(raw.value, schema) : raw;
  }

  async function call<N extends RemoteOperationName>(
    name: N,
    flowToken: string | undefined,
    input: OperationInput<N>,
  ): Promise<Result<WireOutput<N>>> {
    const { method, path } = httpOf(name);
    const body = wireBody(name, input);
    const config: AxiosRequestConfig = {
      method,
      url: path,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        // The token travels only in this header: URLs end up in logs, proxies and browser history.
        ...(flowToken === undefined ? {} : { [FLOW_TOKEN_HEADER]: flowToken }),
      },
      ...(body === undefined ? {} : { data: JSON.stringify(body) }),
    };
    const schema = wireResponseSchema(name);
    if (schema !== null) return (await request(config, schema)) as Result<WireOutput<N>>;
    const raw = await send(config);
    return (raw.ok ? interpretNoContent(raw.value) : raw) as Result<WireOutput<N>>;
  }

  return { call, publicConfig: () => call('getPublicConfig', undefined, {}) };
}
