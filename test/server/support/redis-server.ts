import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDirLock } from './dir-lock';

/** A throwaway redis-server on a free loopback port, its files in a private folder, gone after remove(). */
export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (SHUTDOWN SAVE: the data is kept in its folder, as a real Redis with persistence keeps it). */
  stop(): void;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): void;
}

// Two test files starting servers at once could pick the same free port; they take turns until each listens.
const START_LOCK = join(tmpdir(), 'resetdesk-redis-start.lock');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function cli(port: number, password: string | undefined, ...args: string[]): string {
  const auth = password === undefined ? [] : ['--no-auth-warning', '-a', password];
  return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...auth, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A detached shell that waits for `pid` to end, then shuts the server down (if still up) and removes its folder. */
function watchOver(pid: number, port: number, password: string | undefined, dir: string): void {
  const auth = password === undefined ? '' : ` --no-auth-warning -a '${password}'`;
  const script = `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; ` +
    `redis-cli -h 127.0.0.1 -p ${port}${auth} shutdown nosave >/dev/null 2>&1; rm -rf ${dir}`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Starts redis-server (Debian's /usr/bin/redis-server) and returns once it answers PING. `password` sets requirepass.
 * A watchdog stops it and removes its folder once this process is gone without remove() (a worker ended by vitest).
 */
export async function startRedisServer(options: { password?: string } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-redis-'));
  const { password } = options;
  const release = await acquireDirLock(START_LOCK, 60_000, 'Redis start');
  let port: number;
  const launch = async () => {
    execFileSync('redis-server', [
      '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no',
      '--daemonize', 'yes', '--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log'),
      ...(password === undefined ? [] : ['--requirepass', password]),
    ]);
    for (let i = 0; i < 200; i += 1) {
      try {
        if (cli(port, password, 'ping') === 'PONG') return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  try {
    port = await freePort();
    await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
  watchOver(process.pid, port, password, dir);
  let running = true;
  const stop = () => {
    if (!running) return;
    running = false;
    cli(port, password, 'shutdown', 'save');
    // SHUTDOWN answers before the process is gone: wait until the port no longer answers.
    for (let i = 0; i < 400; i += 1) {
      try {
        cli(port, password, 'ping');
      } catch {
        return;
      }
    }
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    async start() {
      if (running) return;
      await launch();
      running = true;
    },
    remove() {
      try {
        if (running) cli(port, password, 'shutdown', 'nosave');
      } catch {
        // already gone
      }
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
