import { Worker } from 'node:worker_threads';
import type { ScryptOptions } from 'node:crypto';

/**
 * How much lower than the event loop a hash thread runs (Linux nice steps, capped at 19). A busy loop and a hash on one core then
 * share it about 9:1 (CFS weights 1024:110), so the steps without a hash keep their latency while every hash thread
 * is busy; an idle loop leaves the core to the hashes, so their throughput does not drop on an idle machine.
 */
export const HASH_THREAD_NICE = 10;

// A hash thread: scrypt synchronously on its own thread (not libuv's pool, which file reads and DNS lookups need),
// after lowering that thread's priority. On Linux setpriority(PRIO_PROCESS, 0) changes the calling thread only; on
// Windows and macOS it would change the whole process, the event loop too, so there the threads keep its priority.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
if (process.platform === 'linux') {
  const os = require('node:os');
  // Relative: a server already started under nice keeps its hashes below its loop.
  try { os.setPriority(Math.min(19, os.getPriority() + workerData.nice)); } catch { /* not allowed: keep it */ }
}
parentPort.on('message', ({ id, password, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, salt, keyLength, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : 'scrypt failed' });
  }
});
`;

interface Job {
  password: string;
  salt: Buffer;
  keyLength: number;
  options: ScryptOptions;
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  key?: Uint8Array;
  error?: string;
}

// The schema's highest hashPool.concurrency: the HashPools bound how many hashes run; this only caps the threads.
const MAX_THREADS = 64;

/**
 * Threads that run scrypt at a lower OS priority than the event loop, started when first needed and kept (idle ones do
 * not keep the process alive). Admission (how many hash at once, how many wait) is HashPool's; jobs beyond the threads
 * wait here in order.
 */
class HashThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 0;

  scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ password, salt, keyLength, options, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (;;) {
      const job = this.queue[0];
      if (!job) return;
      const worker = this.idle.pop() ?? (this.busy.size < MAX_THREADS ? this.start() : undefined);
      if (!worker) return;
      this.queue.shift();
      this.busy.set(worker, job);
      // A running hash keeps the process alive (a CLI command awaiting it must not exit); an idle thread does not.
      worker.ref();
      const { password, salt, keyLength, options } = job;
      worker.postMessage({ id: (this.nextId += 1), password, salt, keyLength, options });
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { nice: HASH_THREAD_NICE } });
    worker.on('message', (reply: Reply) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (job) {
        if (reply.key) job.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
        else job.reject(new Error(reply.error ?? 'scrypt failed'));
      }
      this.dispatch();
    });
    // A thread that dies (out of memory) fails its job, never the others; the next job starts a new thread.
    const lost = (error: Error): void => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      job?.reject(error);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`hash thread exited (${code})`)));
    return worker;
  }
}

const threads = new HashThreads();

/** scrypt on a hash thread (lower priority than the event loop on Linux): the key, or the error scrypt gave. */
export function scryptOnHashThread(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return threads.scrypt(password, salt, keyLength, options);
}
