import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { defaultHashConcurrency, HashPool, threadPoolSize } from './hash-pool';
import { scryptOnHashThread } from './hash-threads';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** Production cost: about 0.3 s and 128 MiB per hash. Tests may pass a lower cost explicitly. */
export const PRODUCTION_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

// Upper bounds for parameters read back from the database, so a corrupted or planted hash cannot exhaust memory.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLength: number,
  cost: ScryptCost,
  belowEventLoop: boolean,
): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; leave headroom above that for Node's bookkeeping.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 };
  // While serving, not libuv's scrypt: its threads run at the event loop's priority and take the CPU from the steps
  // without a hash (hash-pool.ts belowEventLoop).
  if (belowEventLoop) return scryptOnHashThread(password, salt, keyLength, options);
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

// Unicode has several encodings of the same visible text; hash one of them so the user can sign in from any keyboard.
function canonical(password: string): string {
  return password.normalize('NFC');
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > MAX_R) return null;
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { cost: { N, r, p }, salt, key };
}

/**
 * A pool that never refuses (its queue has no bound): for the admin commands and imports, which hash in bulk and
 * should wait rather than fail. The server passes its configured pool instead.
 */
export function unboundedHashPool(): HashPool {
  return new HashPool({ concurrency: defaultHashConcurrency(), queueLength: Number.POSITIVE_INFINITY });
}

/**
 * For work before the server takes requests (seeding the demo tenant): no request waits on the event loop yet, so
 * every libuv thread but one may hash, and nothing is refused.
 */
export function bulkHasher(cost: ScryptCost): PasswordHasher {
  const concurrency = Math.max(1, threadPoolSize() - 1);
  return new PasswordHasher(cost, new HashPool({ concurrency, queueLength: Number.POSITIVE_INFINITY }));
}

/**
 * scrypt password hashes stored as `scrypt$N$r$p$salt$hash` (base64 salt and hash). Verification uses the parameters
 * stored with each hash, so raising the cost later does not lock anybody out. Every hash runs through `pool`, which may
 * refuse it with SERVER_BUSY before it starts (support/hash-pool.ts).
 */
export class PasswordHasher {
  readonly cost: ScryptCost;
  readonly pool: HashPool;

  constructor(cost: ScryptCost = PRODUCTION_SCRYPT_COST, pool: HashPool = unboundedHashPool()) {
    this.cost = cost;
    this.pool = pool;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await this.pool.run(() =>
      scryptAsync(canonical(password), salt, KEY_BYTES, this.cost, this.pool.belowEventLoop),
    );
    const { N, r, p } = this.cost;
    return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** True when the password matches. A malformed stored hash never matches. Compares in constant time. */
  async verify(stored: string, password: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (!parsed) return false;
    const { salt, key: storedKey, cost } = parsed;
    const key = await this.pool.run(() =>
      scryptAsync(canonical(password), salt, storedKey.length, cost, this.pool.belowEventLoop),
    );
    return timingSafeEqual(key, storedKey);
  }
}
