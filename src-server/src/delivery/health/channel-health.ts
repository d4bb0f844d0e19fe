import type { Log } from '../../support/log';
import type { Clock } from '../../support/clock';
import { safeReason } from './channel-check';
import type { ChannelAvailability, ChannelCheck, ChannelName, ChannelState } from './channel-check';

export interface ChannelHealthDeps {
  checks: readonly ChannelCheck[];
  clock: Clock;
  // How often every channel is checked in the background.
  intervalSeconds: number;
  // The health worker's logger: a channel going down or coming back is logged (state and reason code only).
  log?: Log;
}

/**
 * Keeps the state of every configured channel: checked at start, on an interval and soon after a send failed (the
 * delivery queue reports those). A channel that is down comes back at the first check that passes: nothing needs a
 * restart. One check per channel runs at a time; a failure reported meanwhile asks for one more after it.
 */
export class ChannelHealthMonitor implements ChannelAvailability {
  private readonly deps: ChannelHealthDeps;
  private readonly states = new Map<ChannelName, ChannelState>();
  private readonly running = new Map<ChannelName, Promise<void>>();
  private readonly again = new Set<ChannelName>();
  private timer: NodeJS.Timeout | null = null;

  constructor(deps: ChannelHealthDeps) {
    this.deps = deps;
    const since = deps.clock.now();
    for (const { channel } of deps.checks) this.states.set(channel, { channel, state: 'up', since, reason: null, givenUp: 0 });
  }

  /** Checks every channel now and then on the interval (the timer never keeps the process alive). */
  start(): Promise<void> {
    if (!this.timer && this.deps.checks.length > 0) {
      this.timer = setInterval(() => void this.checkAll(), this.deps.intervalSeconds * 1000);
      this.timer.unref();
    }
    return this.checkAll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A send through `channel` failed (`final`: the message was given up, and is counted): check it soon. */
  sendFailed(channel: ChannelName, final = false): void {
    const state = this.states.get(channel);
    if (!state) return;
    if (final) state.givenUp += 1;
    void this.checkChannel(channel);
  }

  /** Checks every channel now; resolves when all are done (tests, and the start before listening). */
  async checkAll(): Promise<void> {
    await Promise.all(this.deps.checks.map(({ channel }) => this.checkChannel(channel)));
  }

  /** Resolves when no check is running. */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  report(): ChannelState[] {
    return [...this.states.values()].map((state) => ({ ...state }));
  }

  downChannels(): ReadonlySet<ChannelName> {
    return new Set([...this.states.values()].filter((s) => s.state === 'down').map((s) => s.channel));
  }

  private checkChannel(channel: ChannelName): Promise<void> {
    const current = this.running.get(channel);
    if (current) {
      this.again.add(channel);
      return current;
    }
    const check = this.deps.checks.find((c) => c.channel === channel);
    if (!check) return Promise.resolve();
    const run = this.runCheck(check).finally(() => {
      this.running.delete(channel);
      if (this.again.delete(channel)) void this.checkChannel(channel);
    });
    this.running.set(channel, run);
    return run;
  }

  private async runCheck(check: ChannelCheck): Promise<void> {
    let outcome;
    try {
      outcome = await check.check();
    } catch {
      // An adapter should not throw; if it does, its text is not trusted to be free of secrets.
      outcome = { ok: false as const, reason: 'CHECK_FAILED' };
    }
    const previous = this.states.get(check.channel);
    const state = outcome.ok ? 'up' : 'down';
    const reason = outcome.ok ? null : safeReason(outcome.reason);
    const since = previous && previous.state === state ? previous.since : this.deps.clock.now();
    const givenUp = previous?.givenUp ?? 0;
    if (previous && previous.state !== state) {
      this.deps.log?.[outcome.ok ? 'info' : 'warn']({ channel: check.channel, state, reason }, 'channel state changed');
    }
    this.states.set(check.channel, { channel: check.channel, state, since, reason, givenUp });
  }
}
