import { availableParallelism } from 'node:os';
import { AppError } from '../errors/app-error';

export interface HashPoolSettings {
  // Hashes running at once. Each takes a hash thread (support/hash-threads.ts) and a core for ~0.3 s.
  concurrency: number;
  // Hashes waiting for a slot; one more is refused with SERVER_BUSY instead of queueing without bound.
  queueLength: number;
  // Also refused when the queue would take longer than this to reach it (at the time hashes have been taking): on a
  // slow or loaded machine a request must not wait past the client's timeout and then change a password unseen.
  maxWaitSeconds?: number;
}

// libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default) also serves file reads and DNS lookups: scrypt runs there, so
// it must never hold every thread, or a request that only reads a file waits behind every queued hash.
export function threadPoolSize(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const size = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/**
 * One core (and one libuv thread) stays free for the event loop: hashing on every core starved the steps that do not
 * hash (p99 1.9 s with 150 flows on 2 cores, measured from outside).
 */
export function defaultHashConcurrency(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, threadPoolSize() - 1));
}

export const DEFAULT_HASH_QUEUE_LENGTH = 32;
// The desktop app gives up on a request after 10 s (the browser wizard after 15 s): a hash that starts later than
// this may finish for nobody.
export const DEFAULT_HASH_MAX_WAIT_SECONDS = 8;

// A first guess of one hash's time (production scrypt on a small server) until the pool has timed a few.
const INITIAL_HASH_MS = 400;
const MAX_RETRY_AFTER_SECONDS = 60;

/** The pool's queue is full: the request changed nothing and may be sent again after `retryAfterSeconds`. */
export function serverBusy(retryAfterSeconds: number): AppError {
  return new AppError('SERVER_BUSY', 'The server is busy hashing passwords: try again shortly.', { retryAfterSeconds });
}

export function isServerBusy(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'SERVER_BUSY';
}

/**
 * Admission control for password hashing: at most `concurrency` hashes run, at most `queueLength` wait (first come,
 * first served) and no longer than `maxWaitSeconds`; any further one is refused at once with SERVER_BUSY and a
 * Retry-After estimated from the queue and the time hashes have been taking. A refused job never starts, so it changes
 * nothing.
 */
export class HashPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private averageMs = INITIAL_HASH_MS;

  /**
   * `belowEventLoop`: hash on threads of a lower OS priority (support/hash-threads.ts), for the server's pool, where
   * requests without a hash must keep the CPU. Work before or without serving (seeding, admin commands) hashes at the
   * process's own priority, on libuv's threads: there nothing waits, and a loaded machine would starve it.
   */
  readonly belowEventLoop: boolean;

  constructor(
    readonly settings: HashPoolSettings,
    options: { belowEventLoop?: boolean } = {},
  ) {
    this.belowEventLoop = options.belowEventLoop ?? false;
  }

  /** What runs and waits now (the bench and tests look; no user data). */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.settings.concurrency) {
      if (this.queueIsFull()) throw serverBusy(this.retryAfterSeconds());
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    const started = performance.now();
    try {
      return await job();
    } finally {
      // A moving average: the estimate follows the machine's load without one slow hash swinging it.
      this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  private queueIsFull(): boolean {
    if (this.waiting.length >= this.settings.queueLength) return true;
    const maxWaitSeconds = this.settings.maxWaitSeconds;
    return maxWaitSeconds !== undefined && this.drainMs() > maxWaitSeconds * 1000;
  }

  // Until this queue and one more hash (the newcomer's) would have run.
  private drainMs(): number {
    return ((this.waiting.length + 1) / this.settings.concurrency) * this.averageMs;
  }

  private retryAfterSeconds(): number {
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(this.drainMs() / 1000)));
  }
}
