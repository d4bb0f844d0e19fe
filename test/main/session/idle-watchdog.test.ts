import { describe, expect, it } from 'vitest';
import { createIdleWatchdog, WATCHDOG_GRACE_SECONDS } from '../../../src-main/session/idle-watchdog';

describe('idle watchdog (main process)', () => {
  it('wipes once, a grace period after the timeout, and re-arms on input', async () => {
    let idle = 0;
    let wipes = 0;
    const watchdog = createIdleWatchdog({
      idleTimeoutSeconds: 60,
      getIdleSeconds: () => idle,
      wipe: () => {
        wipes += 1;
      },
    });
    idle = 59;
    expect(await watchdog.tick()).toBe(false);
    idle = 60; // the wizard's own countdown ends here; the main process waits a little longer
    expect(await watchdog.tick()).toBe(false);
    idle = 60 + WATCHDOG_GRACE_SECONDS;
    expect(await watchdog.tick()).toBe(true);
    idle = 300;
    expect(await watchdog.tick()).toBe(false);
    expect(wipes).toBe(1);
    idle = 1; // someone used the machine
    expect(await watchdog.tick()).toBe(false);
    idle = 70;
    expect(await watchdog.tick()).toBe(true);
    expect(wipes).toBe(2);
  });
});
