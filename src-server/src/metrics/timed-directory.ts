import type { Directory } from '../directory/directory';
import type { ServerMetrics } from './server-metrics';

// Every call of the Directory interface (and the health check): the operation label is one of these names only.
const TIMED_OPERATIONS = new Set<string>([
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

/**
 * The directory as the flows see it, timing each call by operation and outcome. A Proxy, so whatever the adapter
 * offers (checkHealth, optional methods) stays as it is: what it has and has not is still seen through it.
 */
export function timedDirectory(directory: Directory, metrics: ServerMetrics): Directory {
  return new Proxy(directory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !TIMED_OPERATIONS.has(property)) return value;
      return async (...args: unknown[]): Promise<unknown> => {
        const stop = metrics.directorySeconds.startTimer({ operation: property });
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          stop({ outcome: 'ok' });
          return result;
        } catch (error) {
          stop({ outcome: 'error' });
          throw error;
        }
      };
    },
  });
}
