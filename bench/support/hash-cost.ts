import { availableParallelism } from 'node:os';
import { PasswordHasher, PRODUCTION_SCRYPT_COST } from '../../src-server/src/support/password-hash';

export interface HashBound {
  cores: number;
  hashMs: number;
  // Resets per second if every core did nothing but the one hash a reset costs (its new password).
  resetsPerSecond: number;
}

/**
 * The time of one password hash at production cost, one at a time in this process (median of `samples`), and the
 * hash-bound limit it sets: cores / that time. Measured in the same run as the resets it is compared with.
 */
export async function measureHashBound(samples: number): Promise<HashBound> {
  const hasher = new PasswordHasher(PRODUCTION_SCRYPT_COST);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const t0 = performance.now();
    await hasher.hash(`Bench-Hash-${i}-Kx9!q`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const hashMs = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const cores = availableParallelism();
  return { cores, hashMs, resetsPerSecond: (cores * 1000) / hashMs };
}
