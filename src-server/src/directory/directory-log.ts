import type { Log } from '../support/log';
import { DirectoryError } from './directory-error';

// Writes are worth a line at the default level; the reads of every step only at debug.
const WRITES = new Set(['setPassword', 'changePassword', 'unlock', 'restrictAccount']);

/**
 * Runs one directory call and logs it on the request's logger: the operation, how long it took and, when it failed,
 * the failure's name. Never the arguments (a typed name may be a password, and a password is one) nor the
 * directory's message (it may quote the entry).
 */
export async function loggedDirectoryCall<T>(log: Log | undefined, operation: string, call: () => Promise<T>): Promise<T> {
  if (!log) return call();
  const started = performance.now();
  const took = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    const result = await call();
    const fields = { component: 'directory', operation, ms: took() };
    if (WRITES.has(operation)) log.info(fields, 'directory call');
    else log.debug(fields, 'directory call');
    return result;
  } catch (error) {
    const failure = error instanceof DirectoryError ? error.failure : 'error';
    log.warn({ component: 'directory', operation, ms: took(), failure }, 'directory call failed');
    throw error;
  }
}
