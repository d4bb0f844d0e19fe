import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import type { Delivery, OutgoingMessage } from '../../../src-server/src/delivery/delivery';
import { DeliveryQueue } from '../../../src-server/src/delivery/delivery-queue';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { makeTempDir, ManualClock } from '../support/server-fixtures';

// Issue 12, "The queue": failed outbox rows (no body, no address left) are purged once past their retention, and
// every failed send is reported to the channel's health check.

/** A named fake channel that refuses every message, as a relay that is down does. */
class RefusingChannel implements Delivery {
  async send(_message: OutgoingMessage): Promise<void> {
    throw new Error('connect ECONNREFUSED');
  }
}

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let clock: ManualClock;

beforeEach(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  clock = new ManualClock();
  await ensureTenant(store.db, clock, 't', 'Contoso');
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

const rows = () => store.db.selectFrom('delivery_queue').selectAll().execute();

describe('the outbox retention', () => {
  it('keeps a failed row for the retention, deletes it after, and reports each failed send', async () => {
    const failed: string[] = [];
    const queue = new DeliveryQueue({
      db: store.db,
      tenantId: 't',
      channel: new RefusingChannel(),
      audit: new AuditLog({ db: store.db, tenantId: 't', clock }),
      clock,
      maxAttempts: 1,
      onSendFailed: (channel) => failed.push(channel),
    });
    await queue.send({ channel: 'email', to: 'nina@contoso.example', subject: 'Code', body: 'Your code is 482913' });
    await queue.settle();
    expect(failed).toEqual(['email']);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', body: null, to_address: null, last_error: 'DELIVERY_FAILED' });

    clock.advanceMinutes(29 * 24 * 60);
    expect(await queue.purgeFailed(30)).toBe(0);
    expect(await rows()).toHaveLength(1);
    clock.advanceMinutes(24 * 60 + 1);
    expect(await queue.purgeFailed(30)).toBe(1);
    expect(await rows()).toEqual([]);
  });
});
