import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import { AppError } from '../../../src-server/src/errors/app-error';
import { tapDb } from '../../../src-server/src/methods/temporary-access-pass/tap-tables';
import { TemporaryAccessPasses } from '../../../src-server/src/methods/temporary-access-pass/temporary-access-passes';
import { resetPolicy } from '../../../src-server/src/policy/reset-policy';
import type { StoreDialect } from '../../../src-server/src/store/dialect';
import { DEFAULT_TENANT_ID, ensureTenant } from '../../../src-server/src/store/tenants';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';
import { ManualClock } from '../support/server-fixtures';

// Temporary Access Passes on the real store, SQLite and PostgreSQL: issued hashed, one-time or multi-use, revoked,
// expired, and a one-time pass used by two requests at once.

const stores = useTestStores();
const ada = { id: 'uid-ada-0001', username: 'ada' };
const bob = { id: 'uid-bob-0002', username: 'bob' };

async function setUp(dialect: StoreDialect, policyInput: Parameters<typeof resetPolicy>[0] = {}) {
  const store = await stores.open(dialect);
  const clock = new ManualClock();
  await ensureTenant(store.db, clock, DEFAULT_TENANT_ID, 'Contoso');
  const audit = new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock });
  const passes = new TemporaryAccessPasses({
    db: store.db,
    tenantId: DEFAULT_TENANT_ID,
    clock,
    audit,
    hmacKey: randomBytes(32),
    policy: resetPolicy(policyInput),
  });
  const issue = (lifetimeMinutes = 60, oneTime = false, user = ada) =>
    passes.issue({ user, lifetimeMinutes, oneTime, issuedBy: 'helpdesk-1' });
  return { store, clock, audit, passes, issue };
}

describe.each(STORE_DIALECTS)('Temporary Access Passes on %s', (dialect) => {
  it('keeps only an HMAC of the pass, shows it once, and lists passes without it', async () => {
    const { store, passes, issue } = await setUp(dialect);
    const issued = await issue();
    expect(issued.pass).toMatch(/^[0-9]{10}$/u);
    const rows = await tapDb(store.db).selectFrom('temporary_access_passes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(issued.pass);
    expect(rows[0]?.pass_hash).toMatch(/^[0-9a-f]{64}$/u);
    const listed = await passes.list();
    expect(listed).toEqual([expect.objectContaining({ id: issued.id, userId: ada.id, state: 'issued', useCount: 0 })]);
    expect(JSON.stringify(listed)).not.toContain(issued.pass);
  });

  it('refuses lifetimes outside the policy bounds (10 minutes to 30 days by default, narrower by config)', async () => {
    const { issue } = await setUp(dialect);
    await expect(issue(9)).rejects.toThrow(AppError);
    await expect(issue(30 * 24 * 60 + 1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(issue(30 * 24 * 60)).resolves.toMatchObject({ oneTime: false });
    const narrow = await setUp(dialect, { temporaryAccessPass: { minLifetimeMinutes: 30, maxLifetimeMinutes: 480 } });
    await expect(narrow.issue(20)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(narrow.issue(600)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(narrow.issue(60)).resolves.toBeDefined();
  });

  it('uses a one-time pass once, a multi-use pass until it expires; the wrong pass or person is invalid', async () => {
    const { clock, passes, issue } = await setUp(dialect);
    const once = await issue(60, true);
    const many = await issue(60, false, bob);
    expect(await passes.redeem(ada, '0000000000')).toEqual({ result: 'invalid' });
    expect(await passes.redeem(bob, once.pass)).toEqual({ result: 'invalid' });
    expect(await passes.redeem(ada, once.pass)).toEqual({ result: 'ok', passId: once.id });
    expect(await passes.redeem(ada, once.pass)).toEqual({ result: 'used' });
    expect(await passes.redeem(bob, many.pass)).toMatchObject({ result: 'ok' });
    expect(await passes.redeem(bob, many.pass)).toMatchObject({ result: 'ok' });
    clock.advanceMinutes(60);
    expect(await passes.redeem(bob, many.pass)).toEqual({ result: 'expired' });
    const states = Object.fromEntries((await passes.list()).map((p) => [p.id, [p.state, p.useCount]]));
    expect(states).toEqual({ [once.id]: ['used', 1], [many.id]: ['expired', 2] });
  });

  it('revokes all of a person\'s passes in force, or one by id; a revoked pass says so', async () => {
    const { passes, issue, audit } = await setUp(dialect);
    const first = await issue();
    const second = await issue();
    const other = await issue(60, false, bob);
    expect(await passes.revoke(ada, 'helpdesk-2', first.id)).toBe(1);
    expect(await passes.redeem(ada, first.pass)).toEqual({ result: 'revoked' });
    expect(await passes.redeem(ada, second.pass)).toMatchObject({ result: 'ok' });
    expect(await passes.revoke(ada, 'helpdesk-2')).toBe(1);
    expect(await passes.revoke(ada, 'helpdesk-2')).toBe(0);
    expect(await passes.redeem(ada, second.pass)).toEqual({ result: 'revoked' });
    expect(await passes.redeem(bob, other.pass)).toMatchObject({ result: 'ok' });
    const events = (await audit.list()).map((row) => `${row.event} ${row.username ?? ''}`);
    expect(events.filter((e) => e.startsWith('tap.'))).toEqual([
      'tap.used bob',
      'tap.revoked ada',
      'tap.used ada',
      'tap.revoked ada',
      'tap.issued bob',
      'tap.issued ada',
      'tap.issued ada',
    ]);
    const details = (await audit.list()).map((row) => row.detail ?? '').join(' ');
    for (const pass of [first.pass, second.pass, other.pass]) expect(details).not.toContain(pass);
  });

  it('tells a recently ended pass for a week, then stops offering it', async () => {
    const { clock, passes, issue } = await setUp(dialect);
    expect(await passes.hasRecentPass(ada.id)).toBe(false);
    await issue(60);
    expect(await passes.hasRecentPass(ada.id)).toBe(true);
    clock.advanceMinutes(60 + 6 * 24 * 60);
    expect(await passes.hasRecentPass(ada.id)).toBe(true);
    clock.advanceMinutes(24 * 60);
    expect(await passes.hasRecentPass(ada.id)).toBe(false);
  });

  it('lets exactly one of two requests at once use a one-time pass (one conditional UPDATE)', async () => {
    const { passes, issue } = await setUp(dialect);
    for (let round = 0; round < 5; round += 1) {
      const once = await issue(60, true);
      const results = await Promise.all(Array.from({ length: 4 }, () => passes.redeem(ada, once.pass)));
      expect(results.filter((r) => r.result === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r.result === 'used')).toHaveLength(3);
    }
  });
});
