import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { DATABASE_FILE_NAME } from '../../../src-server/src/store/store';
import { makeTempDir } from '../support/server-fixtures';

// Issue 15: SIGTERM (and SIGINT) stop accepting, let the requests in flight finish within the grace period, stop the
// workers, close the store (the SQLite WAL checkpointed into the file) and exit 0. A real process: the server's bin.
// The request in flight is the test seam's (RESETDESK_TEST_HOLD_FILE): it answers only once the test writes the
// file, so "in flight while the signal arrives" is a fact, not a race.

const BIN = resolve('src-server/bin/resetdesk-server.mjs');
const requireHere = createRequire(import.meta.url);

interface Server {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

let temp: ReturnType<typeof makeTempDir> | null = null;
let running: Server | null = null;

afterEach(() => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = null;
  temp?.remove();
  temp = null;
});

async function startServer(dataDir: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, RESETDESK_DEMO: undefined, RESETDESK_STORE_URL: undefined, ...env },
  });
  let out = '';
  const waiters: { pattern: RegExp; done: (match: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(out);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done(match);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    check();
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((done, fail) => {
      waiters.push({ pattern, done });
      check();
      void exited.then(() => fail(new Error(`exited before ${String(pattern)}:\n${out}\n${err}`)));
    });
  const [, url = ''] = await waitFor(/listening on (http:\/\/\S+)/u);
  return { child, url, port: Number(new URL(url).port), stdout: () => out, exited, waitFor };
}

function httpCall(url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * Resolves once a new connection to `port` is refused (the listener closes as the shutdown starts). A connection the
 * kernel had already queued when the listener closed is reset (ECONNRESET): served by nobody, but not yet the refusal
 * asked for, so it is tried again (seen on a loaded machine, where the attempt and the close met).
 */
async function refusedAt(port: number): Promise<string> {
  for (;;) {
    const outcome = await new Promise<string>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        done('accepted');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
    });
    if (outcome !== 'accepted' && outcome !== 'ECONNRESET') return outcome;
    await new Promise((next) => setImmediate(next));
  }
}

describe('shutdown on a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: the request in flight completes, new connections are refused, the store is closed, exit 0',
    async (signal) => {
      temp = makeTempDir();
      const dataDir = join(temp.dir, 'data');
      const release = join(temp.dir, 'release');
      const server = await startServer(dataDir, { RESETDESK_TEST_HOLD_FILE: release });
      running = server;
      // Something to checkpoint: an unknown name's flow is written like any other.
      const started = await httpCall(`${server.url}${ROUTES.startFlow}`, 'POST', '{"kind":"reset","username":"nobody"}');
      expect(started.status).toBe(201);

      const held = httpCall(`${server.url}/__test/hold`);
      let heldDone = false;
      void held.then(() => (heldDone = true), () => (heldDone = true));
      await server.waitFor(/held request in flight/u);
      server.child.kill(signal);
      await server.waitFor(/Shutting down/u);
      expect(await refusedAt(server.port)).toBe('ECONNREFUSED');
      expect(heldDone).toBe(false);

      writeFileSync(release, '');
      expect(await held).toEqual({ status: 200, body: '{"released":true}' });
      expect(await server.exited).toEqual({ code: 0, signal: null });
      const out = server.stdout();
      expect(out).toContain('server closed: workers stopped, directory and store closed');
      expect(out).not.toContain('grace period over');

      // Closed cleanly: the WAL is checkpointed into the file and emptied, and the file is whole.
      const wal = join(dataDir, `${DATABASE_FILE_NAME}-wal`);
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
      const Sqlite = requireHere('better-sqlite3') as new (file: string, options: object) => {
        pragma(source: string, options: { simple: true }): unknown;
        prepare(sql: string): { get(): unknown };
        close(): void;
      };
      const db = new Sqlite(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) AS n FROM flows').get()).toEqual({ n: 1 });
      } finally {
        db.close();
      }
    },
    90_000,
  );

  it('cuts a request that outlives the grace period, and still exits 0 with the store closed', async () => {
    temp = makeTempDir();
    const dataDir = join(temp.dir, 'data');
    const server = await startServer(dataDir, {
      RESETDESK_TEST_HOLD_FILE: join(temp.dir, 'never-written'),
      RESETDESK_SHUTDOWN_GRACE_SECONDS: '1',
    });
    running = server;
    const held = httpCall(`${server.url}/__test/hold`);
    await server.waitFor(/held request in flight/u);
    server.child.kill('SIGTERM');
    await expect(held).rejects.toThrow(/socket hang up|ECONNRESET/u);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toContain('grace period over');
    expect(server.stdout()).toContain('server closed');
  }, 90_000);
});
