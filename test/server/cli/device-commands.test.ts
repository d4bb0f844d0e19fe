import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollmentTokenSchema } from '@resetdesk/shared';
import { parseDuration } from '../../../src-server/src/cli/device-commands';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { startServer } from '../../../src-server/src/runtime/start-server';
import { enrollDevice } from '../../../src-main/devices/enrollment-client';
import { appScopedMachineIdHash } from '../../../src-main/devices/machine-id';
import { runCli } from '../support/cli-runner';
import type { CliResult } from '../support/cli-runner';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';

// `resetdesk-server devices ...` as IT runs it: a real process on a real data directory, then a real enrollment with
// the printed token over HTTP.
let temp: ReturnType<typeof makeTempDir>;

const cli = (...args: string[]): Promise<CliResult> => runCli(temp.dir, args);

beforeAll(() => {
  temp = makeTempDir();
});
afterAll(() => temp.remove());

describe('resetdesk-server devices', () => {
  it('parses expiry durations', () => {
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    for (const bad of ['', '7', '0d', '-1d', '7w', '366d', '1.5h']) expect(parseDuration(bad)).toBeNull();
  });

  it('creates a token, enrolls with it over HTTP, lists and revokes the device', async () => {
    const created = await cli('devices', 'token', 'create', '--expires', '7d', '--uses', '2', '--label', 'Kiosks');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(EnrollmentTokenSchema.safeParse(token).success).toBe(true);
    expect(created.stderr).toContain('2 use(s)');

    const tokens = await cli('devices', 'token', 'list');
    expect(tokens.stdout).toMatch(/\tactive\t0\/2\t.*\tKiosks/u);
    expect(tokens.stdout).not.toContain(token);

    const config = loadServerConfig({
      env: { RESETDESK_WIZARD_DIR: temp.dir },
      flags: { port: 0, host: '127.0.0.1', dataDir: temp.dir },
    });
    const server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, log: false });
    let deviceId = '';
    try {
      const enrolled = await enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, {
        enrollmentToken: token,
        machineIdHash: appScopedMachineIdHash('cli-test-machine'),
        deviceName: 'FRONTDESK-1',
      });
      expect(enrolled.ok).toBe(true);
      if (enrolled.ok) deviceId = enrolled.value.deviceId;
    } finally {
      await server.close();
    }

    const listed = await cli('devices', 'list');
    expect(listed.stdout).toContain(`${deviceId}\tactive\tFRONTDESK-1`);
    expect((await cli('devices', 'revoke', deviceId)).stdout).toContain('revoked');
    expect((await cli('devices', 'list')).stdout).toContain(`${deviceId}\trevoked (revoked by IT)`);
    expect((await cli('devices', 'revoke', deviceId)).code).toBe(1);
  });

  it('explains usage errors', async () => {
    expect((await cli('devices', 'token', 'create')).code).toBe(2);
    expect((await cli('devices', 'token', 'create', '--expires', '7d', '--uses', 'many')).code).toBe(2);
    expect((await cli('devices', 'revoke', 'not-an-id')).code).toBe(2);
    expect((await cli('devices', 'frobnicate')).code).toBe(2);
  });
});
