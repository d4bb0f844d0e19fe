import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ThrottleStore } from './throttle-store';

/** How long one check may hold an account's lease (a hash is well under a second); a dead holder's lease ends then. */
const LEASE_MS = 15_000;
/** How long a check waits for the lease before it is answered "try again shortly". */
const WAIT_MS = 15_000;
const POLL_MIN_MS = 5;
const POLL_MAX_MS = 40;

/** The account is busy with other checks for longer than a person would wait: answered RATE_LIMITED, a short wait. */
export class LeaseBusyError extends Error {
  constructor() {
    super('Another check of this account is running.');
  }
}

/**
 * Runs the checks of one account one at a time, through a lease row in the throttle store (not a mutex in memory), so
 * the rule holds for every server instance that shares the store. Lease times use the wall clock, not the policy
 * clock: they are about processes being alive, not about windows.
 */
export class CheckLease {
  private readonly store: ThrottleStore;

  constructor(store: ThrottleStore) {
    this.store = store;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const leaseKey = `lease|${key}`;
    const giveUpAt = Date.now() + WAIT_MS;
    let pause = POLL_MIN_MS;
    while (!(await this.store.acquireLease(leaseKey, holder, new Date(), new Date(Date.now() + LEASE_MS)))) {
      if (Date.now() >= giveUpAt) throw new LeaseBusyError();
      await sleep(pause);
      pause = Math.min(POLL_MAX_MS, pause * 2);
    }
    try {
      return await task();
    } finally {
      // A release that fails (the throttle store went down meanwhile) must not turn the check's own answer into an
      // error: the check did happen. The lease then ends by itself after LEASE_MS.
      await this.store.releaseLease(leaseKey, holder).catch(() => undefined);
    }
  }
}
