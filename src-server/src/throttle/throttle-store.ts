/**
 * Where throttle counters and locks live. SQLite now (one server process); a Redis implementation can replace it when
 * several instances must share limits. Keys are opaque strings built by ResetThrottle; times come from its clock.
 */
export interface ThrottleStore {
  /** Remembers one event under `key`. */
  record(key: string, at: Date): Promise<void>;
  /** Events under `key` after `since` (an event exactly at `since` has left the window), oldest first. */
  eventsSince(key: string, since: Date): Promise<Date[]>;
  /** Locks `key` until `until` (a later lock wins over an earlier one). */
  lock(key: string, until: Date): Promise<void>;
  /** The end of the lock on `key`, if it is still locked at `now`. */
  lockedUntil(key: string, now: Date): Promise<Date | null>;
  /** Forgets the events and locks of these keys. */
  clear(keys: readonly string[]): Promise<void>;
  /** Housekeeping: drops events older than `before` and locks that ended before it. */
  purge(before: Date): Promise<void>;
}
