import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyringEnvironment, startSessionKeyring } from '../support/session-keyring';
import type { SessionKeyring } from '../support/session-keyring';

// The SecretStore against a REAL gnome-keyring on a private D-Bus session bus (no fake): the test starts the bus and
// the daemon itself, in a temporary HOME, and stops both by PID.
const run = promisify(execFile);
const PROBE = resolve('test/main/support/keychain-probe.ts');

type Op = { op: 'get' | 'delete'; account: string } | { op: 'set'; account: string; secret: string };
type Outcome = { value: unknown } | { error: string; message: string };

async function probe(env: Record<string, string>, ops: Op[]): Promise<Outcome[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', PROBE, JSON.stringify(ops)], {
    env,
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as Outcome[];
}

let dir: string;
let keyring: SessionKeyring | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'resetdesk-keyring-'));
});
afterEach(async () => {
  await keyring?.stop();
  keyring = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'device-secret-7f3a9c1e-never-in-a-file';

describe('keychain SecretStore on a real gnome-keyring', () => {
  it('stores, reads, replaces and deletes a secret', async () => {
    keyring = await startSessionKeyring({ dir, password: 'login-pw', unlock: true });
    const results = await probe(keyring.env, [
      { op: 'get', account: 'device-credential' },
      { op: 'set', account: 'device-credential', secret: 'first' },
      { op: 'get', account: 'device-credential' },
      { op: 'set', account: 'device-credential', secret: SECRET },
      { op: 'get', account: 'device-credential' },
      { op: 'get', account: 'other-account' },
      { op: 'delete', account: 'device-credential' },
      { op: 'get', account: 'device-credential' },
      { op: 'delete', account: 'device-credential' },
      { op: 'set', account: 'device-credential', secret: SECRET },
    ]);
    expect(results).toEqual([
      { value: null },
      { value: null },
      { value: 'first' },
      { value: null },
      { value: SECRET },
      { value: null },
      { value: true },
      { value: null },
      { value: false },
      { value: null },
    ]);
  });

  it('keeps the secret encrypted in the keyring file, and finds it again after a restart', async () => {
    const keyringDir = join(dir, 'home', '.local', 'share', 'keyrings');
    const files = readdirSync(keyringDir);
    expect(files.some((f) => f.endsWith('.keyring'))).toBe(true);
    for (const file of files) {
      expect(readFileSync(join(keyringDir, file)).includes(Buffer.from(SECRET))).toBe(false);
    }
    keyring = await startSessionKeyring({ dir, password: 'login-pw', unlock: true });
    expect(await probe(keyring.env, [{ op: 'get', account: 'device-credential' }])).toEqual([{ value: SECRET }]);
  });

  it('answers KEYCHAIN_UNAVAILABLE when the keyring is locked (no prompt can be shown)', async () => {
    keyring = await startSessionKeyring({ dir, password: 'login-pw', unlock: false });
    const [read, write] = await probe(keyring.env, [
      { op: 'get', account: 'device-credential' },
      { op: 'set', account: 'device-credential', secret: 'x' },
    ]);
    expect(read).toMatchObject({ error: 'KEYCHAIN_UNAVAILABLE' });
    expect(write).toMatchObject({ error: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('answers KEYCHAIN_UNAVAILABLE when there is no session bus at all', async () => {
    const env = { ...keyringEnvironment(join(dir, 'nobus')), DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'none')}` };
    const [read] = await probe(env, [{ op: 'get', account: 'device-credential' }]);
    expect(read).toMatchObject({ error: 'KEYCHAIN_UNAVAILABLE' });
    expect((read as { message: string }).message).not.toContain(SECRET);
  });
});
