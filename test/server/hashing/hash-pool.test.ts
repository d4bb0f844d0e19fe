import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src-server/src/errors/app-error';
import { HashPool, isServerBusy } from '../../../src-server/src/support/hash-pool';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { TEST_SCRYPT_COST } from '../support/server-fixtures';

/** A job that runs until the test lets it finish: the pool's state is then known exactly, with no timing involved. */
function gate(): { job: () => Promise<string>; started: () => boolean; release: (value: string) => void } {
  let began = false;
  let release: (value: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => (release = resolve));
  return {
    job: () => {
      began = true;
      return done;
    },
    started: () => began,
    release: (value) => release(value),
  };
}

// Lets the pool pass a freed slot on (a microtask) before the test looks.
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the hash pool', () => {
  it('runs at most `concurrency` jobs; the ones beyond wait in arrival order and all finish', async () => {
    const pool = new HashPool({ concurrency: 2, queueLength: 3 });
    const gates = Array.from({ length: 5 }, gate);
    // Sent together, as parallel requests would.
    const results = gates.map((g) => pool.run(g.job));
    await settle();
    expect(pool.load).toEqual({ running: 2, queued: 3 });
    expect(gates.map((g) => g.started())).toEqual([true, true, false, false, false]);

    gates[1]?.release('b');
    await settle();
    // The freed slot went to the first waiter, not to whoever came next.
    expect(gates.map((g) => g.started())).toEqual([true, true, true, false, false]);
    expect(pool.load).toEqual({ running: 2, queued: 2 });

    gates.forEach((g, i) => g.release(String.fromCharCode(97 + i)));
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pool.load).toEqual({ running: 0, queued: 0 });
  });

  it('refuses the job beyond a full queue at once with SERVER_BUSY and a wait, without running it', async () => {
    const pool = new HashPool({ concurrency: 1, queueLength: 2 });
    const gates = Array.from({ length: 3 }, gate);
    const accepted = gates.map((g) => pool.run(g.job));
    let ran = false;
    const refused = await pool
      .run(() => {
        ran = true;
        return Promise.resolve('never');
      })
      .catch((error: unknown) => error);
    expect(ran).toBe(false);
    expect(isServerBusy(refused)).toBe(true);
    const details = (refused as AppError).details;
    expect(Number.isInteger(details?.retryAfterSeconds)).toBe(true);
    expect(details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(details?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The refusal took no place: the queue is as it was, and once it drains the pool takes work again.
    expect(pool.load).toEqual({ running: 1, queued: 2 });
    gates.forEach((g) => g.release('ok'));
    await Promise.all(accepted);
    await expect(pool.run(() => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('also refuses once the queue would take longer than maxWaitSeconds to reach the newcomer', async () => {
    // Before any hash has finished the pool assumes 400 ms each: one running and two waiting reach 1.2 s > 1 s.
    const pool = new HashPool({ concurrency: 1, queueLength: 100, maxWaitSeconds: 1 });
    const gates = Array.from({ length: 2 }, gate);
    const accepted = [...gates.map((g) => pool.run(g.job)), pool.run(() => Promise.resolve('third'))];
    expect(pool.load).toEqual({ running: 1, queued: 2 });
    await expect(pool.run(() => Promise.resolve('fourth'))).rejects.toSatisfy(isServerBusy);
    gates.forEach((g) => g.release('ok'));
    expect(await Promise.all(accepted)).toEqual(['ok', 'ok', 'third']);
  });

  it('frees the slot of a job that throws', async () => {
    const pool = new HashPool({ concurrency: 1, queueLength: 0 });
    await expect(pool.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(pool.load).toEqual({ running: 0, queued: 0 });
    await expect(pool.run(() => Promise.resolve(1))).resolves.toBe(1);
  });

  it('a queue of 0 refuses every hash while one runs: parallel requests beyond the limit never all start', async () => {
    const pool = new HashPool({ concurrency: 1, queueLength: 0 });
    const hasher = new PasswordHasher(TEST_SCRYPT_COST, pool);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash('Harbor-Lantern-17')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refusals).toHaveLength(5);
    expect(refusals.every((o) => isServerBusy(o.reason))).toBe(true);
  });

  it('hashes and verifies through the pool as before', async () => {
    const hasher = new PasswordHasher(TEST_SCRYPT_COST, new HashPool({ concurrency: 1, queueLength: 4 }));
    const stored = await hasher.hash('Copper-Meadow-23');
    const checks = await Promise.all([hasher.verify(stored, 'Copper-Meadow-23'), hasher.verify(stored, 'wrong')]);
    expect(checks).toEqual([true, false]);
  });
});
