import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestCertificates } from './test-ca';

// Debian's interpreter by its full path: the `python3` first on PATH may not see Debian's python3-aiosmtpd.
const PYTHON = '/usr/bin/python3';
const TLS_SCRIPT = fileURLToPath(new URL('./smtp_tls_server.py', import.meta.url));
const HOST = '127.0.0.1';

export interface SecureSmtpOptions {
  certificates: TestCertificates;
  // The one account the relay accepts (given to it in its environment).
  user: string;
  password: string;
}

/** A real SMTP relay (aiosmtpd) in its own process on loopback, writing every message it accepts to a Maildir. */
export interface TestSmtpServer {
  host: string;
  port: number;
  maildir: string;
  /** The raw messages received so far, oldest first. */
  received(): Buffer[];
  /** Waits until at least `count` messages arrived (or fails after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<Buffer[]>;
  /** Ends the relay's process but keeps its port and Maildir: a relay that went down. */
  goDown(): Promise<void>;
  /** Starts the relay again on the same port (after goDown). */
  comeBack(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** True once the relay answers with its 220 greeting (over TLS from the start when given the CA for it). */
function greets(port: number, ca: Buffer | null): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = ca ? connectTls({ host: HOST, port, ca }) : connect({ host: HOST, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('220')));
  });
}

async function untilReady(child: ChildProcess, port: number, ca: Buffer | null, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`aiosmtpd exited (${child.exitCode ?? child.signalCode}): ${stderr()}`);
    }
    if (await greets(port, ca)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`aiosmtpd did not answer on ${HOST}:${port}: ${stderr()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function readMaildir(maildir: string): Buffer[] {
  const folder = join(maildir, 'new');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => ({ file: join(folder, name), at: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => a.at - b.at || a.file.localeCompare(b.file))
    .map(({ file }) => readFileSync(file));
}

export interface SmtpServerOptions {
  // STARTTLS and AUTH, both required (smtp_tls_server.py).
  secure?: SecureSmtpOptions;
  // TLS from the first byte (SMTPS), no AUTH: aiosmtpd's own --smtpscert.
  implicitTls?: TestCertificates;
}

/**
 * Starts aiosmtpd on 127.0.0.1 at a free port: plain (`python3 -m aiosmtpd` with its Mailbox handler), with implicit
 * TLS, or with STARTTLS and AUTH. Stop it with `stop()` (in afterAll): the process is ended by its own handle and the
 * Maildir removed.
 */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const temp = mkdtempSync(join(tmpdir(), 'resetdesk-smtp-'));
  const maildir = join(temp, 'Maildir');
  const port = await freePort();
  const { secure, implicitTls } = options;
  const cli = ['-m', 'aiosmtpd', '-n', '-l', `${HOST}:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir];
  const args = secure
    ? [TLS_SCRIPT, '--host', HOST, '--port', String(port), '--maildir', maildir,
        '--cert', secure.certificates.certFile, '--key', secure.certificates.keyFile]
    : implicitTls
      ? [...cli.slice(0, 5), '--smtpscert', implicitTls.certFile, '--smtpskey', implicitTls.keyFile, ...cli.slice(5)]
      : cli;
  let errors = '';
  async function launch(): Promise<ChildProcess> {
    const child = spawn(PYTHON, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...(secure ? { SMTP_TEST_USER: secure.user, SMTP_TEST_PASSWORD: secure.password } : {}),
      },
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = `${errors}${chunk.toString('utf8')}`.slice(-4000);
    });
    child.stdout?.resume();
    try {
      await untilReady(child, port, implicitTls ? readFileSync(implicitTls.caFile) : null, () => errors);
    } catch (error) {
      await stopProcess(child);
      throw error;
    }
    return child;
  }
  let child: ChildProcess;
  try {
    child = await launch();
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return {
    host: HOST,
    port,
    maildir,
    received: () => readMaildir(maildir),
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const messages = readMaildir(maildir);
        if (messages.length >= count) return messages;
        if (Date.now() > deadline) throw new Error(`${messages.length} of ${count} messages arrived in ${maildir}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    goDown: () => stopProcess(child),
    async comeBack() {
      child = await launch();
    },
    async stop() {
      await stopProcess(child);
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
