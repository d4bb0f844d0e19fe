import type { ErrorCode, ErrorDetails } from '@resetdesk/shared';

/**
 * A failure the client is meant to see: one of the shared error codes, an English developer message and optional
 * details. The message and details must never contain a secret (they are sent to the client and may be logged).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  // `cause` is for the server log only (for example why the directory refused); it is never sent to the client.
  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
