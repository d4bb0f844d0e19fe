/**
 * The part of a pino logger the services use (pino's and Fastify's loggers fit it). A request's logger is a child
 * carrying its request id (flows/engine/request-context.ts); a worker's carries its worker name. What goes in a line's
 * fields must never be a password, code, answer, token, call id or address: names of things and error codes only.
 */
export interface Log {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  child(bindings: Record<string, unknown>): Log;
}

/** Logs nothing: for embeddings and tests that run without a logger. */
export const silentLog: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};

/** The `log` field of an audit entry or message, when the caller has a logger (spread it in). */
export function logOf(holder: { log?: Log | undefined }): { log?: Log } {
  return holder.log ? { log: holder.log } : {};
}
