import { AsyncLocalStorage } from 'node:async_hooks';
import type { Log } from './log';

// The logger of the request being served, for decorators of a shared service (the observed directory) that log a
// request's calls without every call site handing its logger in. Outside a request (workers, the survey at boot) none.
const scope = new AsyncLocalStorage<Log>();

/** Runs `work` with `log` as the request's logger for everything it awaits (no logger: runs it outside any). */
export function withRequestLog<T>(log: Log | undefined, work: () => T): T {
  return log ? scope.run(log, work) : work();
}

/** The logger of the request this call serves, if it serves one. */
export function requestLog(): Log | undefined {
  return scope.getStore();
}
