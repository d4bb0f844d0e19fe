import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import { openStore } from '../../../src-server/src/store/store';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { systemClock } from '../../../src-server/src/support/clock';
import { runCli } from '../support/cli-runner';
import type { CliResult } from '../support/cli-runner';
import { makeTempDir } from '../support/server-fixtures';

// The CLI as an administrator runs it (through tsx, from source), the password on standard input.
let temp: ReturnType<typeof makeTempDir>;

const cli = (args: string[], stdin = ''): Promise<CliResult> => runCli(temp.dir, args, { stdin });

beforeAll(() => {
  temp = makeTempDir();
});
afterAll(() => temp.remove());

describe('resetdesk-server policy banned', () => {
  it('adds, lists and removes custom terms (4-16 characters), each change audited', async () => {
    expect((await cli(['policy', 'banned', 'add', 'Contoso', 'northwind'])).stdout).toContain('Added 2 term(s)');
    expect((await cli(['policy', 'banned', 'add', 'contoso'])).stdout).toContain('Added 0 term(s)');
    const bad = await cli(['policy', 'banned', 'add', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/4 to 16/u);
    expect((await cli(['policy', 'banned', 'add', 'x'.repeat(17)])).code).toBe(2);
    expect((await cli(['policy', 'banned', 'list'])).stdout).toBe('contoso\nnorthwind\n2 of 1000 custom banned terms.\n');
    expect((await cli(['policy', 'banned', 'remove', 'northwind'])).stdout).toContain('Removed');
    expect((await cli(['policy', 'banned', 'remove', 'northwind'])).stdout).toContain('not on the custom list');
    expect((await cli(['policy', 'banned', 'list'])).stdout).toBe('contoso\n1 of 1000 custom banned terms.\n');
    expect((await cli(['policy', 'banned', 'frobnicate'])).code).toBe(2);

    const store = await openStore(temp.dir);
    const rows = await new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock }).list({});
    await store.close();
    const details = rows.filter((r) => r.event === 'policy.changed').map((r) => r.detail ?? '');
    expect(details.some((d) => d.startsWith('banned add contoso,northwind by '))).toBe(true);
    expect(details.some((d) => d.startsWith('banned remove northwind by '))).toBe(true);
  }, 60_000);
});

describe('resetdesk-server password check', () => {
  it("gives Microsoft's examples their verdicts (custom term contoso, global term blank), exit 1 / 0", async () => {
    const refused = await cli(['password', 'check'], 'C0ntos0Blank12\n');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Verdict: refused');
    expect(refused.stdout).toContain('BANNED_PASSWORD');
    expect(refused.stdout).toContain("Score: 4 of the 5 points needed (banned terms: 'contoso', 'blank')");
    const accepted = await cli(['password', 'check'], 'ContoS0Bl@nkf9!');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('Verdict: accepted');
    expect(accepted.stdout).toContain('Score: 5 of the 5 points needed');
  }, 60_000);

  it('refuses a known breached password and accepts a random one', async () => {
    const breached = await cli(['password', 'check'], 'Jennifer1');
    expect(breached.code).toBe(1);
    expect(breached.stdout).toContain('BREACHED_PASSWORD');
    const random = `Rq-${randomBytes(9).toString('base64url')}-7z`;
    expect((await cli(['password', 'check'], random)).code).toBe(0);
  }, 60_000);

  it("checks a user's names with --user, and never takes the password from the command line", async () => {
    expect((await cli(['seed-demo'])).code).toBe(0);
    const named = await cli(['password', 'check', '--user', 'adele'], 'V@nce-Harbor-88!');
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('CONTAINS_USER_NAME');
    expect((await cli(['password', 'check', '--user', 'nobody'], 'x')).code).toBe(2);
    const argv = await cli(['password', 'check', 'Secret-On-Argv-1']);
    expect(argv.code).toBe(2);
    expect(argv.stdout + argv.stderr).not.toContain('Secret-On-Argv-1');
  }, 120_000);

  it("imports an organisation's SHA1:count file and then refuses what it lists", async () => {
    const password = 'Zebra-Quartz-Nimbus-93';
    const sha1 = createHash('sha1').update(password).digest('hex').toUpperCase();
    const file = join(temp.dir, 'org-breached.txt');
    writeFileSync(file, `${sha1}:42\r\nnot a hash\n${'0'.repeat(40)}:1\n`);
    expect((await cli(['password', 'check'], password)).code).toBe(0);
    const imported = await cli(['password', 'import-breached', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 2 hashes: the organisation's list holds 2 entries");
    expect(imported.stderr).toContain('Skipped 1 line(s)');
    const after = await cli(['password', 'check'], password);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('BREACHED_PASSWORD');
    expect((await cli(['password', 'import-breached'])).code).toBe(2);
  }, 60_000);
});
