import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appendLog } from './log-sweep';
import { freePort } from './free-port';

export const SERVER_BUNDLE = path.resolve(process.env.H8_SERVER_BUNDLE ?? 'src-server/dist/resetdesk-server.js');

export interface RunningResetServer {
  url: string;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far (for the "no secret in any log" checks). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real, built reset server as its own process on a free loopback port with a fresh SQLite data folder,
 * exactly as `npm run start:server` does, and stops it (and removes the folder) afterwards.
 */
export async function startResetServer(
  options: { demo?: boolean; env?: Record<string, string>; dataDir?: string } = {},
): Promise<RunningResetServer> {
  if (!existsSync(SERVER_BUNDLE)) {
    throw new Error(`${SERVER_BUNDLE} is missing: run \`node scripts/build.mjs\` first (npm test does).`);
  }
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'resetdesk-data-'));
  const args = [...(process.env.H8_SERVER_ARGS ?? '').split(' ').filter(Boolean), SERVER_BUNDLE, 'serve', ...(options.demo === false ? [] : ['--demo'])];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      RESETDESK_PORT: String(port),
      RESETDESK_HOST: '127.0.0.1',
      RESETDESK_DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, child, () => output);
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      // The server's log for the redaction sweep: its JSON log lines, not the demo outbox's console copies (that
      // console is the demo's stand-in mailbox and shows codes by design).
      const logLines = output.split('\n').filter((line) => line.startsWith('{'));
      appendLog(`server-${port}.log`, logLines.join('\n'));
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`reset server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopProcess(child);
  throw new Error(`reset server did not become healthy at ${url}:\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
