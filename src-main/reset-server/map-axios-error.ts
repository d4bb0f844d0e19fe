import { isAxiosError } from 'axios';
import type { ApiError } from '@resetdesk/shared';

/** A transport failure as the client sees it: the shared error, and whether repeating an idempotent call may help. */
export interface TransportFailure {
  error: ApiError;
  retryable: boolean;
}

// With `transitional.clarifyTimeoutError` axios reports its own timeout as ETIMEDOUT; the others are socket-level.
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
// axios: the response was too large or could not be decoded.
const BAD_RESPONSE_CODES = new Set(['ERR_BAD_RESPONSE', 'ERR_FR_TOO_MANY_REDIRECTS']);
// Our own request was malformed: a bug, not the network.
const CLIENT_BUG_CODES = new Set(['ERR_BAD_OPTION', 'ERR_BAD_OPTION_VALUE', 'ERR_INVALID_URL', 'ERR_NOT_SUPPORT']);

/** Certificate and TLS handshake failures: the server is unreachable, and asking again will not change that. */
function isTlsFailure(code: string): boolean {
  return (
    code === 'EPROTO' ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('CERT_') ||
    code.includes('_CERT') ||
    code.startsWith('UNABLE_TO_')
  );
}

/**
 * Maps whatever axios rejected with to a shared error code. Messages name the failure kind and the error code only:
 * axios errors carry the request (headers with the flow token, a body with the password), so nothing else is copied.
 */
export function mapAxiosError(error: unknown): TransportFailure {
  if (!isAxiosError(error)) {
    return { error: { code: 'INTERNAL', message: 'Unexpected failure while calling the reset server' }, retryable: false };
  }
  const code = typeof error.code === 'string' ? error.code : 'UNKNOWN';
  if (TIMEOUT_CODES.has(code)) {
    return { error: { code: 'SERVER_TIMEOUT', message: 'The reset server did not answer in time' }, retryable: true };
  }
  if (BAD_RESPONSE_CODES.has(code) || error.response !== undefined) {
    return {
      error: { code: 'SERVER_BAD_RESPONSE', message: `The reset server sent an unusable response (${code})` },
      retryable: false,
    };
  }
  if (CLIENT_BUG_CODES.has(code)) {
    return { error: { code: 'INTERNAL', message: `The request to the reset server was invalid (${code})` }, retryable: false };
  }
  // Everything else happened before an answer arrived: DNS, refused, reset, unreachable network, TLS.
  return {
    error: { code: 'SERVER_UNREACHABLE', message: `The reset server could not be reached (${code})` },
    retryable: !isTlsFailure(code),
  };
}
