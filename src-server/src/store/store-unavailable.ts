import { AppError } from '../errors/app-error';

// Node's socket errors for a database that is not there, or went away mid-query.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * PostgreSQL's SQLSTATEs for "the server is not taking queries right now": class 08 (connection exception) and the
 * operator intervention ones a restart sends (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
 * Not 57014 (query_canceled): a cancelled query is this server's business.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

// pg's own errors for a connection that ended under a query: they carry no code, only this wording (pg 8).
const ENDED = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/u;

/**
 * Whether `error` says the store (PostgreSQL) cannot be reached, as opposed to a query that is wrong or a constraint
 * that refused a row. Classified by codes first; the pool reconnects by itself, so the next request may work.
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || isUnavailableSqlState(code))) return true;
    if (ENDED.test(cause.message)) return true;
    // An AggregateError (one per address tried) or a wrapped cause.
    const inner = cause instanceof AggregateError ? cause.errors[0] : cause.cause;
    cause = inner;
  }
  return false;
}

export function storeUnavailable(cause: unknown): AppError {
  return new AppError('STORE_UNAVAILABLE', 'The reset server cannot reach its database right now.', undefined, {
    cause,
  });
}
