import type { Directory } from '../directory/directory';
import { DirectoryError } from '../directory/directory-error';
import { requestLog } from '../support/request-log-scope';
import type { ServerMetrics } from './server-metrics';

// Every call of the Directory interface (and the health check): the operation label is one of these names only.
const OBSERVED_OPERATIONS = new Set<string>([
  'findUser',
  'setPassword',
  'verifyPassword',
  'groupsOf',
  'lockState',
  'unlock',
  'isRecentPassword',
  'changePassword',
  'listUsers',
  'restrictAccount',
  'checkHealth',
]);

// Writes are worth a line at the default level; the reads of every step only at debug.
const WRITES = new Set(['setPassword', 'changePassword', 'unlock', 'restrictAccount']);

/**
 * The directory as the flows see it. Each call is timed once, and that one measurement feeds both the histogram (by
 * operation and outcome) and, inside a request, a line on the request's logger (support/request-log-scope.ts): the
 * operation, how long it took and, when it failed, the failure's name. Never the arguments (a typed name may be a
 * password, and a password is one) nor the directory's message (it may quote the entry). A Proxy, so whatever the
 * adapter offers (checkHealth, optional methods) stays as it is: what it has and has not is still seen through it.
 */
export function observedDirectory(directory: Directory, metrics: ServerMetrics): Directory {
  return new Proxy(directory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !OBSERVED_OPERATIONS.has(property)) return value;
      return async (...args: unknown[]): Promise<unknown> => {
        const stop = metrics.directorySeconds.startTimer({ operation: property });
        const log = requestLog();
        const ms = (seconds: number) => Math.round(seconds * 100_000) / 100;
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const fields = { component: 'directory', operation: property, ms: ms(stop({ outcome: 'ok' })) };
          if (WRITES.has(property)) log?.info(fields, 'directory call');
          else log?.debug(fields, 'directory call');
          return result;
        } catch (error) {
          const took = ms(stop({ outcome: 'error' }));
          const failure = error instanceof DirectoryError ? error.failure : 'error';
          log?.warn({ component: 'directory', operation: property, ms: took, failure }, 'directory call failed');
          throw error;
        }
      };
    },
  });
}
