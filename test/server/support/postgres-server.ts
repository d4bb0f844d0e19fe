import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { acquireDirLock } from './dir-lock';

/** A throwaway PostgreSQL cluster on a free loopback port, trust authentication, gone after stop(). */
export interface PostgresServer {
  port: number;
  /** A new empty database; its URL (user postgres, no password). */
  createDatabase(): Promise<string>;
  /** Stops the cluster (fast shutdown: open connections are terminated) but keeps its data and port. */
  goDown(): void;
  /** Starts it again after goDown, on the same port with the same data. */
  comeBack(): void;
  stop(): void;
}

// Two test files starting clusters at once could pick the same free port; they take turns until each listens.
const START_LOCK = join(tmpdir(), 'resetdesk-postgres-start.lock');

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(join(root, '15')) ? '15' : readdirSync(root).sort().at(-1);
  if (version === undefined) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  return join(root, version, 'bin');
}

// initdb and postgres refuse to run as root: as root the cluster belongs to the postgres user.
const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: 'pipe' });
}

function chownToPostgres(dir: string): void {
  if (!asRoot) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
}

/** A detached shell that waits for `pid` to end, then stops the cluster (if still up) and removes its folder. */
function watchOver(pid: number, stopCommand: string[], dir: string): void {
  const stopLine = (asRoot ? ['runuser', '-u', 'postgres', '--', ...stopCommand] : stopCommand).join(' ');
  const script = `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; [ -d ${dir}/data ] && ${stopLine}; rm -rf ${dir}`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

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

/**
 * Starts a cluster (initdb --no-sync, fsync off: the data is thrown away) and returns once it accepts connections.
 * stop() shuts it down immediately and deletes its folder. A watchdog does the same once this process is gone without
 * stop(): a test worker ended by vitest (or a killed run) gets no 'exit' event, and the cluster would outlive it.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  chownToPostgres(dir);
  chownToPostgres(sockets);
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const release = await acquireDirLock(START_LOCK, 120_000, 'PostgreSQL start');
  let port: number;
  let options = '';
  const startCommand = () => ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start'];
  try {
    port = await freePort();
    options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${sockets} -c fsync=off -c full_page_writes=off`;
    run(join(bin, 'pg_ctl'), startCommand());
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
  const stopCommand = [join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
  watchOver(process.pid, stopCommand, dir);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      // Left down by a test (goDown without comeBack): nothing to stop.
      if (existsSync(join(data, 'postmaster.pid'))) run(stopCommand[0] as string, stopCommand.slice(1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  let databases = 0;
  return {
    port,
    async createDatabase() {
      const name = `resetdesk_${process.pid}_${++databases}`;
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    goDown() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    comeBack() {
      run(join(bin, 'pg_ctl'), startCommand());
    },
    stop,
  };
}
