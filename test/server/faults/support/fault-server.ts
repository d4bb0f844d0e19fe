import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FLOW_TOKEN_HEADER } from '@resetdesk/shared';
import { freePort } from '../../../browser/support/free-port';

const MAIN = resolve('test/server/faults/support/fault-server-main.ts');
// Bundled once per test process, as the real server is (scripts/build.mjs): through tsx a start compiles every
// source file again, which took 5 s and more per restart on a busy machine; the bundle starts in about one.
const BUNDLE = resolve(`test-results/fault-server/main-${process.pid}.mjs`);
let bundled: Promise<void> | undefined;

function bundleMain(): Promise<void> {
  if (bundled) return bundled;
  const serverPkg = JSON.parse(readFileSync(resolve('src-server/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  process.once('exit', () => rmSync(BUNDLE, { force: true }));
  bundled = build({
    entryPoints: [MAIN],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: Object.keys(serverPkg.dependencies).filter((name) => !name.startsWith('@resetdesk/')),
    logLevel: 'warning',
  }).then(() => undefined);
  return bundled;
}

/** An answer over the wire, or `null` when the connection broke (the process died mid-request). */
export type WireAnswer = { status: number; body: Record<string, unknown> } | null;

/** One request as the wizard makes it (the flow token in its header); `null` when no answer came. */
export async function wire(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<WireAnswer> {
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    return null;
  }
}

/**
 * The reset server as a separate process (fault-server-main.ts, bundled) on one port and one data
 * folder for its whole life, so that it can be killed with SIGKILL and started again exactly as an operator's
 * supervisor would: same configuration, same data, nothing cleaned up in between.
 */
export class FaultServer {
  readonly url: string;
  readonly holdDir: string;
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    private readonly env: Record<string, string>,
    port: number,
    dir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.holdDir = join(dir, 'hold');
  }

  /** `env`: the RESETDESK_* settings; `dir`: a folder of the test's for the hold files. */
  static async start(env: Record<string, string>, dir: string, options: { hold?: boolean } = {}): Promise<FaultServer> {
    const port = await freePort();
    const base = { RESETDESK_PORT: String(port), RESETDESK_HOST: '127.0.0.1', ...env };
    const server = new FaultServer(options.hold ? { ...base, FAULT_HOLD_DIR: join(dir, 'hold') } : base, port, dir);
    mkdirSync(server.holdDir, { recursive: true });
    await server.launch();
    return server;
  }

  log(): string {
    return this.output;
  }

  async launch(): Promise<void> {
    await bundleMain();
    this.output = '';
    const child = spawn(process.execPath, [BUNDLE], {
      env: { ...process.env, RESETDESK_DEMO: undefined, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the reset server exited (${child.exitCode}):\n${this.output}`);
      if (this.output.includes('listening ')) return;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`the reset server did not start:\n${this.output}`);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Arms the seam: the next reset's request stops after the directory write (fault-server-main.ts). */
  armHold(): void {
    rmSync(join(this.holdDir, 'held'), { force: true });
    rmSync(join(this.holdDir, 'go'), { force: true });
  }

  /** Waits (on the condition, not a time) until a request is held between the directory write and the commit. */
  async untilHeld(): Promise<void> {
    for (;;) {
      if (existsSync(join(this.holdDir, 'held'))) return;
      if (!this.child || this.child.exitCode !== null) throw new Error(`the reset server ended:\n${this.output}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  request(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<WireAnswer> {
    return wire(this.url, method, path, body, token);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
