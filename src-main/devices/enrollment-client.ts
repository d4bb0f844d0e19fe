import axios from 'axios';
import { DEVICE_ROUTES, EnrollDeviceResponseSchema, ErrorResponseSchema, fail, ok } from '@resetdesk/shared';
import type { EnrollDeviceRequest, EnrollDeviceResponse, Result } from '@resetdesk/shared';
import { mapAxiosError } from '../reset-server/map-axios-error';
import { httpsAgentFor } from '../reset-server/https-agent';

export interface EnrollmentClientOptions {
  serverUrl: string;
  timeoutMs: number;
  userAgent?: string;
  trustedCaPem?: string;
  proxyUrl?: string;
}

/**
 * The one unsigned call the app makes to a server that may require enrolled devices: trading the IT token for a
 * credential. Same transport rules as the reset client (no proxy, no redirects, bounded sizes, never retried: a retry
 * could spend a second use of the token).
 */
export async function enrollDevice(
  options: EnrollmentClientOptions,
  request: EnrollDeviceRequest,
): Promise<Result<EnrollDeviceResponse>> {
  let response;
  try {
    response = await axios.request<string>({
      method: 'POST',
      baseURL: options.serverUrl,
      url: DEVICE_ROUTES.enroll,
      data: JSON.stringify(request),
      timeout: options.timeoutMs,
      adapter: 'http',
      maxRedirects: 0,
      proxy: false,
      httpsAgent: httpsAgentFor({ trustedCaPem: options.trustedCaPem, proxyUrl: options.proxyUrl }),
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
      maxContentLength: 64 * 1024,
      maxBodyLength: 16 * 1024,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
      },
    });
  } catch (error) {
    return { ok: false, error: mapAxiosError(error).error };
  }
  let body: unknown;
  try {
    body = JSON.parse(typeof response.data === 'string' ? response.data : '');
  } catch {
    return fail('SERVER_BAD_RESPONSE', `The reset server sent an enrollment answer that is not JSON (HTTP ${response.status})`);
  }
  if (response.status === 201) {
    const parsed = EnrollDeviceResponseSchema.safeParse(body);
    return parsed.success ? ok(parsed.data) : fail('SERVER_BAD_RESPONSE', 'The enrollment answer does not match the contract');
  }
  const error = ErrorResponseSchema.safeParse(body);
  return error.success
    ? { ok: false, error: error.data.error }
    : fail('SERVER_BAD_RESPONSE', `The reset server refused enrollment without a contract error (HTTP ${response.status})`);
}
