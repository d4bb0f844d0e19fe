import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestStores } from '../support/store-dialects';

const stores = useTestStores();

describe('0021 audit_log_flow', () => {
  it('one flow’s audit trail (every new password reads it) is found by the index, not a scan of the whole log', async () => {
    const { db } = await stores.open('sqlite');
    // The statement audit-log.ts listForFlow sends.
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE tenant_id = ${'t'}
      AND flow_id = ${'f'} ORDER BY id ASC LIMIT ${200}`.execute(db);
    const details = plan.rows.map((row) => row.detail).join('\n');
    expect(details).toContain('USING INDEX audit_log_flow');
    expect(details).not.toContain('TEMP B-TREE');
  });
});
