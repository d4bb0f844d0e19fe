import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real Secret Service for tests: a private D-Bus session bus and gnome-keyring-daemon on it, with HOME and the XDG
 * folders inside `dir` (hermetic: the keyring file lives there and nothing touches the machine's own keyrings).
 * Both processes are children of the test and are stopped by PID. Needs `gnome-keyring` and `dbus-x11` (installed by
 * .ci/run).
 */
export interface SessionKeyring {
  /** Environment for anything that should talk to this keyring (DBUS_SESSION_BUS_ADDRESS and the hermetic HOME). */
  env: Record<string, string>;
  busAddress: string;
  stop(): Promise<void>;
}

export interface SessionKeyringOptions {
  /** Where the bus socket, HOME and the keyrings live. Reuse a folder to find the same keyring again. */
  dir: string;
  /** The login keyring's password; the daemon creates the keyring with it on first start. */
  password: string;
  /** false: start the daemon without unlocking, so an existing login keyring stays locked. */
  unlock: boolean;
}

export function keyringEnvironment(dir: string): Record<string, string> {
  const home = join(dir, 'home');
  const runtime = join(dir, 'runtime');
  for (const folder of [home, join(home, '.local/share'), join(home, '.config'), join(home, '.cache')]) {
    mkdirSync(folder, { recursive: true });
  }
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: runtime,
    // No display: an unlock prompt cannot appear, so a locked keyring answers "dismissed" at once.
    DISPLAY: '',
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${seen}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited early (${code}): ${seen}`));
    });
  });
}

const run = promisify(execFile);

/** Polls the bus until gnome-keyring-daemon owns the Secret Service name (in --foreground it prints nothing). */
async function waitForSecretService(env: Record<string, string>, daemon: ChildProcess, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null) throw new Error(`gnome-keyring-daemon exited early (${daemon.exitCode})`);
    const { stdout } = await run(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets',
      ],
      { env },
    );
    if (/boolean true/u.test(stdout)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('gnome-keyring-daemon did not register the Secret Service in time');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSessionKeyring(options: SessionKeyringOptions): Promise<SessionKeyring> {
  const base = keyringEnvironment(options.dir);
  const socket = join(options.dir, 'runtime', 'bus');
  const bus = spawn(
    'dbus-daemon',
    ['--session', '--nofork', '--nopidfile', '--print-address=1', `--address=unix:path=${socket}`],
    { env: base, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let busAddress: string;
  try {
    busAddress = (await waitForLine(bus, /^(unix:\S+)$/mu, 'dbus-daemon')).trim();
  } catch (error) {
    await stopChild(bus);
    throw error;
  }
  const env = { ...base, DBUS_SESSION_BUS_ADDRESS: busAddress };
  const daemon = spawn(
    'gnome-keyring-daemon',
    ['--foreground', '--components=secrets', ...(options.unlock ? ['--unlock'] : [])],
    { env, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  // --unlock reads the password from stdin (without a newline).
  daemon.stdin?.end(options.unlock ? options.password : '');
  try {
    await waitForSecretService(env, daemon);
  } catch (error) {
    await stopChild(daemon);
    await stopChild(bus);
    throw error;
  }
  return {
    env,
    busAddress,
    async stop() {
      await stopChild(daemon);
      await stopChild(bus);
    },
  };
}
