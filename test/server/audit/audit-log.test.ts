import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { createTestServer, ManualClock } from '../support/server-fixtures';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

const stores = useTestStores();

describe.each(STORE_DIALECTS)('audit log on %s', (dialect) => {
  let store: Store;
  let audit: AuditLog;

  beforeEach(async () => {
    store = await stores.open(dialect);
    const clock = new ManualClock();
    await ensureTenant(store.db, clock, 't', 'Contoso');
    audit = new AuditLog({ db: store.db, tenantId: 't', clock });
    await audit.record({ event: 'flow.started', outcome: 'success', username: 'adele', ip: '192.0.2.1' });
    await audit.record({ event: 'verification.rejected', outcome: 'failure', username: 'adele', detail: 'CODE_INVALID' });
    await audit.record({ event: 'flow.started', outcome: 'success', username: 'diego' });
  });

  it('lists entries newest first, by user and with a limit', async () => {
    expect((await audit.list()).map((r) => r.username)).toEqual(['diego', 'adele', 'adele']);
    expect((await audit.list({ username: 'ADELE' })).map((r) => r.event)).toEqual(['verification.rejected', 'flow.started']);
    expect(await audit.list({ limit: 1 })).toHaveLength(1);
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(store.db.updateTable('audit_log').set({ outcome: 'success' }).execute()).rejects.toThrow(
      /append-only/u,
    );
    await expect(store.db.deleteFrom('audit_log').where('username', '=', 'adele').execute()).rejects.toThrow(
      /append-only/u,
    );
    await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toThrow(/append-only/u);
    expect(await audit.list()).toHaveLength(3);
  });
});

describe('audit trail of a real reset', () => {
  it('records every step with outcome, flow, user and ip, and never a secret', async () => {
    const server = await createTestServer({ demo: true });
    try {
      const { flows, outbox, audit } = server.runtime;
      const ctx = { ip: '198.51.100.7' };
      const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
      await flows.chooseMethod(flowToken, 'email', ctx);
      const code = /code is (\d+)/u.exec((await outbox.list())[0]?.body ?? '')?.[1] ?? '';
      const wrong = code === '000000' ? '111111' : '000000';
      await flows.verifyCode(flowToken, wrong, ctx).catch(() => undefined);
      const next = (await flows.verifyCode(flowToken, code, ctx)).flowToken;
      await flows.setPassword(next, 'Summer2026!', ctx).catch(() => undefined);
      await flows.setPassword(next, 'Blue-Harbor-42-Kite', ctx);
      await flows.start({ kind: 'reset', username: 'Not-A-User-Or-A-Password' }, ctx);

      const rows = (await audit.list()).reverse();
      expect(rows.map((r) => [r.event, r.outcome, r.detail])).toEqual([
        ['flow.started', 'success', null],
        ['verification.sent', 'success', 'email'],
        ['verification.rejected', 'failure', 'CODE_INVALID'],
        ['verification.passed', 'success', 'email'],
        ['password.rejected', 'failure', 'BANNED_PASSWORD'],
        // Before the directory write: what a retry after a crash in between reads (flows/reset/password-write.ts).
        ['password.write_started', 'success', null],
        ['password.reset', 'success', null],
        ['flow.started', 'success', 'unknown_user'],
      ]);
      const flowRows = rows.slice(0, 7);
      for (const row of flowRows) {
        expect(row.username).toBe('adele');
        expect(row.ip).toBe('198.51.100.7');
        expect(row.flow_id).toBe(flowRows[0]?.flow_id);
        expect(row.user_id).not.toBeNull();
      }
      // Names that matched nobody are not kept (they are sometimes a mistyped password).
      expect(rows[7]?.username).toBeNull();
      const dump = JSON.stringify(rows);
      for (const secret of [code, wrong, flowToken, 'Summer2026!', 'Blue-Harbor-42-Kite', 'Not-A-User']) {
        expect(dump).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });
});
