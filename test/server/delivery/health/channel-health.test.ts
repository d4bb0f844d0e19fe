import { describe, expect, it } from 'vitest';
import type { ChannelCheck, CheckOutcome } from '../../../../src-server/src/delivery/health/channel-check';
import { ChannelHealthMonitor } from '../../../../src-server/src/delivery/health/channel-health';
import { ManualClock } from '../../support/server-fixtures';

// The monitor over checks the test flips by hand: state, since-when and reason follow the last check; a failure
// report checks at once; a channel comes back at the first check that passes; reasons never carry text.

class SwitchableCheck implements ChannelCheck {
  outcome: CheckOutcome = { ok: true };
  calls = 0;
  constructor(readonly channel: 'email' | 'sms') {}
  async check(): Promise<CheckOutcome> {
    this.calls += 1;
    return this.outcome;
  }
}

function monitorWith(...checks: ChannelCheck[]) {
  const clock = new ManualClock();
  return { clock, monitor: new ChannelHealthMonitor({ checks, clock, intervalSeconds: 60 }) };
}

describe('channel health', () => {
  it('goes down with a reason code, keeps its since-when, and comes back by itself', async () => {
    const email = new SwitchableCheck('email');
    const sms = new SwitchableCheck('sms');
    const { clock, monitor } = monitorWith(email, sms);
    await monitor.start();
    monitor.stop();
    const started = clock.now();
    expect(monitor.downChannels()).toEqual(new Set());
    expect(monitor.report()).toEqual([
      { channel: 'email', state: 'up', since: started, reason: null, givenUp: 0 },
      { channel: 'sms', state: 'up', since: started, reason: null, givenUp: 0 },
    ]);

    email.outcome = { ok: false, reason: 'ECONNREFUSED' };
    clock.advanceMinutes(1);
    const wentDown = clock.now();
    monitor.sendFailed('email');
    await monitor.settle();
    expect(monitor.downChannels()).toEqual(new Set(['email']));
    const down = { channel: 'email', state: 'down', since: wentDown, reason: 'ECONNREFUSED', givenUp: 0 };
    expect(monitor.report()[0]).toEqual(down);

    clock.advanceMinutes(1);
    await monitor.checkAll();
    expect(monitor.report()[0]?.since).toEqual(wentDown);

    email.outcome = { ok: true };
    clock.advanceMinutes(1);
    await monitor.checkAll();
    expect(monitor.downChannels()).toEqual(new Set());
    expect(monitor.report()[0]).toEqual({ channel: 'email', state: 'up', since: clock.now(), reason: null, givenUp: 0 });
  });

  it('runs one check per channel at a time: failures reported meanwhile ask for one more after it', async () => {
    const email = new SwitchableCheck('email');
    const { monitor } = monitorWith(email);
    for (let i = 0; i < 5; i += 1) monitor.sendFailed('email');
    await monitor.settle();
    expect(email.calls).toBe(2);
  });

  it('counts the messages given up after their last try, through every later check', async () => {
    const email = new SwitchableCheck('email');
    const { monitor } = monitorWith(email);
    monitor.sendFailed('email');
    monitor.sendFailed('email', true);
    monitor.sendFailed('email', true);
    await monitor.settle();
    await monitor.checkAll();
    expect(monitor.report()[0]?.givenUp).toBe(2);
  });

  it('never reports text: a reason that is not a short code, or a check that throws, says CHECK_FAILED', async () => {
    const email = new SwitchableCheck('email');
    email.outcome = { ok: false, reason: 'Invalid login: 535 nina@contoso.example password "hunter2"' };
    const throwing: ChannelCheck = {
      channel: 'sms',
      check: () => Promise.reject(new Error('token a-secret-token refused')),
    };
    const { monitor } = monitorWith(email, throwing);
    await monitor.checkAll();
    expect(monitor.report().map((state) => state.reason)).toEqual(['CHECK_FAILED', 'CHECK_FAILED']);
    // A channel without a check is never down, and a failure report for it does nothing.
    monitor.sendFailed('voice');
    expect(monitor.downChannels()).toEqual(new Set(['email', 'sms']));
  });
});
