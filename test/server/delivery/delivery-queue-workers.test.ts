import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import { DeliveryQueue } from '../../../src-server/src/delivery/delivery-queue';
import { openStore } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { RecordingChannel } from '../support/recording-channel';
import { ManualClock } from '../support/server-fixtures';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

// Issue 15: workers of several instances share one queue; each claim must give a row to one worker only (on
// PostgreSQL the claim's subquery locks its row and skips rows another worker holds: FOR UPDATE SKIP LOCKED).

const stores = useTestStores();
const ROWS = 40;

describe.each(STORE_DIALECTS)('delivery queue workers on one database (%s)', (dialect) => {
  it('sends each of 40 queued messages exactly once with three workers, each on its own connection pool', async () => {
    const settings = await stores.settings(dialect);
    const dataDir = stores.dataDir();
    // Three stores on one database: three instances' pools, so the claims really run side by side. Opened one after
    // another: SQLite's migrations take no lock between processes.
    const instances = [];
    for (let i = 0; i < 3; i++) instances.push(await openStore(dataDir, settings));
    try {
      const clock = new ManualClock();
      const [first] = instances;
      if (!first) throw new Error('no store');
      await ensureTenant(first.db, clock, 't', 'Contoso');
      const now = clock.now().toISOString();
      await first.db
        .insertInto('delivery_queue')
        .values(
          Array.from({ length: ROWS }, (_, i) => ({
            tenant_id: 't',
            channel: 'email',
            to_address: `person${i}@contoso.example`,
            subject: 'Code',
            body: 'x',
            status: 'queued',
            user_id: null,
            flow_id: null,
            next_attempt_at: now,
            created_at: now,
            last_error: null,
            finished_at: null,
          })),
        )
        .execute();
      const channels = instances.map(() => new RecordingChannel());
      const queues = instances.map(
        (store, i) =>
          new DeliveryQueue({
            db: store.db,
            tenantId: 't',
            channel: channels[i] as RecordingChannel,
            audit: new AuditLog({ db: store.db, tenantId: 't', clock }),
            clock,
          }),
      );
      await Promise.all(queues.map((queue) => queue.work()));
      const sent = channels.flatMap((channel) => channel.sent.map((message) => message.to));
      expect(sent).toHaveLength(ROWS);
      expect(new Set(sent).size).toBe(ROWS);
      const left = await first.db.selectFrom('delivery_queue').select('status').where('status', '!=', 'sent').execute();
      expect(left).toEqual([]);
    } finally {
      await Promise.all(instances.map((store) => store.close()));
    }
  });
});
