import type { Clock } from '../support/clock';
import type { ThrottleStore } from './throttle-store';

/**
 * The live password verdicts of one flow (what the new-password step asks while the person types): at most `max`
 * within `windowMs`. Counted in the throttle store with its count-and-record, not in process memory: a verdict costs
 * a password check, and two instances (or an instance's restart) must not double what one flow may ask for.
 */
export class VerdictThrottle {
  private readonly store: ThrottleStore;
  private readonly clock: Clock;
  private readonly max: number;
  private readonly windowMs: number;

  constructor(deps: { store: ThrottleStore; clock: Clock; max: number; windowMs: number }) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.max = deps.max;
    this.windowMs = deps.windowMs;
  }

  /** Counts one verdict of the flow: null when it may be given, else the seconds until the window has room. */
  async take(flowId: string): Promise<number | null> {
    const key = `verdict|flow:${flowId}`;
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.windowMs);
    if ((await this.store.recordIfRoom([{ key, max: this.max }], since, now)) !== null) return null;
    const recent = await this.store.eventsSince(key, since);
    // The window has room again when the oldest of the last `max` leaves it.
    const oldest = recent[recent.length - this.max] ?? now;
    return Math.max(1, Math.ceil((oldest.getTime() + this.windowMs - now.getTime()) / 1000));
  }
}
