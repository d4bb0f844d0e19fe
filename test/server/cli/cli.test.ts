import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { MIGRATIONS } from '../../../src-server/src/store/migrations';
import { openStore } from '../../../src-server/src/store/store';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { systemClock } from '../../../src-server/src/support/clock';
import { runCli } from '../support/cli-runner';
import type { CliResult } from '../support/cli-runner';
import { makeTempDir } from '../support/server-fixtures';

// The CLI as a user runs it (through tsx, from source): real process, real exit codes, real output.

let temp: ReturnType<typeof makeTempDir>;

const cli = (...args: string[]): Promise<CliResult> => runCli(temp.dir, args);

beforeAll(() => {
  temp = makeTempDir();
});

afterAll(() => temp.remove());

describe('resetdesk-server CLI', () => {
  it('migrates a fresh data directory', async () => {
    const result = await cli('migrate');
    expect(result.code).toBe(0);
    // Every migration, in order.
    expect(result.stdout).toContain(`up to date (applied ${Object.keys(MIGRATIONS).join(', ')})`);
    expect(result.stdout).toMatch(/applied 0001_initial_schema, 0002_unlock_and_change_flows, 0003_verification_methods, 0004_device_trust, 0005_reset_protection/u);
    expect((await cli('migrate')).stdout).not.toContain('applied');
  });

  it('imports users from a JSON file (skipping ones that exist) and rejects an invalid file', async () => {
    const file = join(temp.dir, 'users.json');
    const users = Array.from({ length: 50 }, (_, i) => ({
      username: `bench.user${i}`,
      displayName: `Bench User ${i}`,
      email: `bench.user${i}@contoso.example`,
    }));
    writeFileSync(file, JSON.stringify(users));
    const first = await cli('users', 'import', file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('50 created, 0 already present');
    expect((await cli('users', 'import', file)).stdout).toContain('0 created, 50 already present');

    const bad = join(temp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ username: 'x', password: 'Hunter2-Secret!' }]));
    const rejected = await cli('users', 'import', bad);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('displayName');
    expect(rejected.stderr).not.toContain('Hunter2-Secret!');
  });

  it('seeds the demo tenant and prints the audit log', async () => {
    const seeded = await cli('seed-demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain(`${DEMO_USERS.length} created`);
    expect(seeded.stdout).toContain('adele');
    const store = await openStore(temp.dir);
    const log = new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock });
    await log.record({ event: 'flow.started', outcome: 'success', username: 'adele', ip: '192.0.2.4' });
    await log.record({ event: 'flow.started', outcome: 'success', username: 'diego' });
    await store.close();
    const audit = await cli('audit', '--user', 'adele', '--limit', '5');
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/\tflow\.started\tsuccess\tadele\t192\.0\.2\.4\t/u);
    expect(audit.stdout).not.toContain('diego');
  });

  it('checks the configured directory, one line per check, and fails when a user is not found', async () => {
    const healthy = await cli('directory', 'test', '--user', 'adele');
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^Directory: builtin$/mu);
    expect(healthy.stdout).toMatch(/^ok {4}find user/mu);
    const unknown = await cli('directory', 'test', '--user', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/^FAIL {2}find user +nobody not found\n {6}hint: /mu);
  });

  // Every CLI run is a fresh Node process with tsx (a few seconds each on a busy machine): a few runs, a long timeout.
  // The rules behind `policy set` (dotted keys, whole-policy validation, no prototype keys) are unit-tested.
  it('shows and changes the policy (validated, audited) and reads the audit log back by user and time', async () => {
    const set = await cli('policy', 'set', 'resetGroups', '["SSPR Users"]');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('resetGroups is now ["SSPR Users"]');
    const invalid = await cli('policy', 'set', 'gatesRequired', '7');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('gatesRequired');

    const shown = await cli('policy', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('"gatesRequired": 1');
    expect(shown.stdout).toContain('resetGroups = ["SSPR Users"]');

    const changes = await cli('audit', '--since', '1h');
    expect(changes.code).toBe(0);
    expect(changes.stdout).toMatch(/policy\.changed\tsuccess\t.*set resetGroups=\["SSPR Users"\]/u);
    expect((await cli('audit', '--since', 'yesterday')).code).toBe(2);
  }, 120_000);

  it('explains its usage and fails on unknown commands or options', async () => {
    expect((await cli('help')).stdout).toContain('Usage: resetdesk-server');
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
    expect((await cli('serve', '--bogus')).code).toBe(2);
    expect((await cli('audit', '--limit', 'lots')).code).toBe(2);
  });
});
