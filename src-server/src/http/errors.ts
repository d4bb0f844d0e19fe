import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode, ErrorDetails, ErrorResponse } from '@resetdesk/shared';
import { DirectoryError } from '../directory/directory-error';
import { AppError } from '../errors/app-error';
import { directoryFailureError } from '../flows/engine/directory-failure';
import { isStoreUnavailable, storeUnavailable } from '../store/store-unavailable';

export { AppError };

const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  FLOW_EXPIRED: 410,
  FLOW_STEP_MISMATCH: 409,
  CODE_INVALID: 400,
  CODE_EXPIRED: 400,
  CODE_ATTEMPTS_EXCEEDED: 429,
  RESEND_LIMIT_REACHED: 429,
  ANSWERS_REJECTED: 400,
  CALL_NOT_ANSWERED: 409,
  APPROVAL_DENIED: 403,
  APPROVAL_EXPIRED: 409,
  METHOD_UNAVAILABLE: 400,
  PASSWORD_REJECTED: 422,
  ACCOUNT_NOT_ENABLED: 403,
  ACCOUNT_NOT_VERIFIABLE: 403,
  CONTACT_ADMIN: 403,
  CREDENTIALS_INVALID: 401,
  PASSWORD_REUSED: 422,
  ACCOUNT_NOT_LOCKED: 409,
  ACCOUNT_LOCKED: 423,
  UNLOCK_NOT_ALLOWED: 403,
  CHANGE_NOT_ALLOWED: 403,
  RATE_LIMITED: 429,
  TOO_MANY_RESETS: 429,
  DEVICE_NOT_ALLOWED: 403,
  CAPTCHA_REQUIRED: 428,
  CAPTCHA_INVALID: 400,
  DIRECTORY_ERROR: 502,
  DELIVERY_FAILED: 503,
  // The person's methods send through channels that are down: the server is fine, a dependency is not (as above).
  METHODS_UNAVAILABLE: 424,
  // A dependency is down, not this server: a 4xx so that proxies and clients do not treat it as the server failing.
  DIRECTORY_UNAVAILABLE: 424,
  // The same for the database (store/store-unavailable.ts): the dependency is down, and the next try may work.
  STORE_UNAVAILABLE: 424,
  INTERNAL: 500,
  // Load, not a fault: the hash queue is full, or the event loop saturated (http/operations/load-shedding.ts);
  // Retry-After says when to come back.
  SERVER_BUSY: 503,
  // Client-side codes: the server never raises them, but if it did they would be its own fault.
  SERVER_UNREACHABLE: 500,
  SERVER_TIMEOUT: 500,
  SERVER_BAD_RESPONSE: 500,
  CONFIG_INVALID: 500,
  SENDER_REJECTED: 500,
  KEYCHAIN_UNAVAILABLE: 500,
  // Device trust: the request is not authenticated as an enrolled device.
  DEVICE_NOT_TRUSTED: 401,
  ENROLLMENT_TOKEN_INVALID: 403,
  NOTICE_LINK_INVALID: 410,
  // Passkeys: a wrong answer (as CODE_INVALID); the two wizard-only codes would be the server's own fault.
  PASSKEY_REPLAYED: 400,
  PASSKEY_WRONG_CREDENTIAL: 400,
  PASSKEY_REJECTED: 400,
  PASSKEY_CANCELLED: 500,
  PASSKEY_UNSUPPORTED: 500,
  PASSKEY_REGISTRATION_FAILED: 400,
  // The pass was right but is past its use: nothing to retry with it (as an expired code).
  TAP_EXPIRED: 400,
  TAP_USED: 400,
  TAP_REVOKED: 400,
  SECURITY_ANSWERS_INVALID: 400,
  TOTP_ENROLLMENT_CODE_INVALID: 400,
  TOTP_ENROLLMENT_NOT_PENDING: 409,
  REGISTRATION_NOT_ALLOWED: 403,
  EMAIL_ADDRESS_INVALID: 400,
  PHONE_NUMBER_INVALID: 400,
  SECURITY_INFO_DUPLICATE: 409,
  SECURITY_INFO_REQUIRED: 409,
  SECURITY_INFO_UNKNOWN: 404,
  // The shared rate-limit store is down: this server refuses the step rather than skip the limits (Retry-After).
  THROTTLE_UNAVAILABLE: 503,
  APPROVER_PAIRING_REFUSED: 403,
  APPROVER_PAIRING_EXPIRED: 409,
};

export function statusForErrorCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetails): ErrorResponse {
  return details ? { error: { code, message, details } } : { error: { code, message } };
}

function isClientError(error: FastifyError): boolean {
  return typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
}

/**
 * The one place errors become responses. AppErrors keep their code; contract violations (zod, bad JSON, a body over
 * the limit) become INVALID_INPUT; anything else becomes INTERNAL with a correlation id that is also in the log.
 * Client errors are not logged: their input may contain a password or a code.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send(errorBody('INVALID_INPUT', 'There is no such route.'));
  });

  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    // A directory failure no flow caught (a lookup while the directory is down) still gets its named screen.
    // The directory, the channels and Redis name their own failures before this: a socket error that gets here
    // unnamed came from the store's pool.
    const error = thrown instanceof DirectoryError
      ? directoryFailureError(thrown, 'The directory failed.')
      : isStoreUnavailable(thrown) ? storeUnavailable(thrown) : thrown;
    if (error instanceof AppError) {
      if (error.code === 'DIRECTORY_UNAVAILABLE' || error.code === 'STORE_UNAVAILABLE') {
        const cause = error.cause instanceof Error ? error.cause.message : undefined;
        request.log.warn({ code: error.code, correlationId: request.id, cause }, error.message);
      }
      const status = statusForErrorCode(error.code);
      if (status === 503 && error.details?.retryAfterSeconds !== undefined) {
        void reply.header('retry-after', String(error.details.retryAfterSeconds));
      }
      // Refusing work under load is expected: a warning without a stack, and no correlation id to chase.
      if (error.code === 'SERVER_BUSY') request.log.warn({ code: error.code }, error.message);
      else if (status >= 500) {
        request.log.error({ err: error.cause ?? error, code: error.code, correlationId: request.id }, error.message);
        const details: ErrorDetails = { ...error.details, correlationId: request.id };
        return reply.status(status).send(errorBody(error.code, error.message, details));
      }
      // A throttle's or a busy server's wait is also said the HTTP way, for API clients and proxies (RFC 9110).
      const retryAfter = error.details?.retryAfterSeconds;
      const waitable = status === 429 || status === 503;
      if (waitable && retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      return reply.status(status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send(errorBody('INVALID_INPUT', 'The request does not match the API contract.'));
    }
    if (!isResponseSerializationError(error) && isClientError(error)) {
      return reply
        .status(error.statusCode ?? 400)
        .send(errorBody('INVALID_INPUT', 'The request could not be read (malformed, too large or wrong type).'));
    }
    request.log.error({ err: error, correlationId: request.id }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'Something went wrong on the server.', { correlationId: request.id }));
  });
}
