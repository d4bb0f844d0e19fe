/** One window of a count-and-record: the events under `key` may be at most `max`. */
export interface ThrottleWindow {
  key: string;
  max: number;
}

/**
 * Where throttle counters, locks and check leases live. SQLite now; a Redis (or shared SQL) implementation can replace
 * it when several instances must share limits: everything that must hold across instances is in here, never in
 * process memory. Keys are opaque strings built by ResetThrottle; times come from its clock.
 */
export interface ThrottleStore {
  /** Remembers one event under `key`; returns its id (to forget a reservation that turned out right). */
  record(key: string, at: Date): Promise<string>;
  /**
   * Count-and-record in one step: when every key has fewer than its `max` events after `since`, records one event at
   * `at` under each key and answers their ids (for forget()); else records nothing and answers null. One statement
   * (one Lua script): two instances, or two requests on one, can never both take a window's last place.
   */
  recordIfRoom(windows: readonly ThrottleWindow[], since: Date, at: Date): Promise<string[] | null>;
  /** Forgets events by the ids record() returned. */
  forget(ids: readonly string[]): Promise<void>;
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
  /**
   * Takes the lease on `key` for `holder` until `until` when nobody holds it (or the last holder's lease ran out):
   * true when `holder` has it now. One statement, so two instances can never both get it.
   */
  acquireLease(key: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease back (only the holder's own). */
  releaseLease(key: string, holder: string): Promise<void>;
}
