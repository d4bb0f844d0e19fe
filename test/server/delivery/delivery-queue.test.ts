import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import type { Delivery, OutgoingMessage } from '../../../src-server/src/delivery/delivery';
import { DeliveryQueue } from '../../../src-server/src/delivery/delivery-queue';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { RecordingChannel } from '../support/recording-channel';
import { ManualClock } from '../support/server-fixtures';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

// The delivery queue's crash rules: a row claimed by a worker that died is taken again after its lease (at least
// once), and no body (it may hold a code) outlives the codes in it.

/** A named fake channel that never answers: the worker "dies" with the row claimed. */
class HangingChannel implements Delivery {
  send(): Promise<void> {
    return new Promise<void>(() => undefined);
  }
}

const message: OutgoingMessage = { channel: 'email', to: 'adele@contoso.example', subject: 'Code', body: '482913 is your code' };

const stores = useTestStores();

describe.each(STORE_DIALECTS)('delivery queue after a crash (%s)', (dialect) => {
  let store: Store;
  let clock: ManualClock;
  let audit: AuditLog;

  beforeEach(async () => {
    store = await stores.open(dialect);
    clock = new ManualClock();
    await ensureTenant(store.db, clock, 't', 'Contoso');
    audit = new AuditLog({ db: store.db, tenantId: 't', clock });
  });

  const queueWith = (channel: Delivery) => new DeliveryQueue({ db: store.db, tenantId: 't', channel, audit, clock });
  const rows = () => store.db.selectFrom('delivery_queue').selectAll().execute();
  // The dead worker's claim lands once its queries ran: wait for it, not for a fixed time.
  const claimed = async () => {
    while ((await rows())[0]?.status !== 'sending') await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('takes a row again once the lease of a worker that died has run out, and sends it once more', async () => {
    const dead = queueWith(new HangingChannel());
    await dead.send(message);
    await claimed();
    expect((await rows()).map((row) => row.status)).toEqual(['sending']);

    // The next process: nothing is due while the lease holds, then the row is sent and its body forgotten.
    const channel = new RecordingChannel();
    const next = queueWith(channel);
    await next.work();
    expect(channel.sent).toHaveLength(0);
    clock.advanceMinutes(2.1);
    await next.work();
    expect(channel.sent.map((m) => m.to)).toEqual(['adele@contoso.example']);
    expect(await rows()).toEqual([]);
  });

  it('gives up on a message older than its codes and forgets its body and address', async () => {
    const dead = queueWith(new HangingChannel());
    await dead.send(message);
    await claimed();
    clock.advanceMinutes(16);
    const channel = new RecordingChannel();
    await queueWith(channel).work();
    expect(channel.sent).toHaveLength(0);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', body: null, to_address: null, last_error: 'EXPIRED' });
  });

  it('lets exactly one of several parallel workers claim a row', async () => {
    await store.db
      .insertInto('delivery_queue')
      .values({
        tenant_id: 't',
        channel: 'email',
        to_address: 'adele@contoso.example',
        subject: 'Code',
        body: 'x',
        status: 'queued',
        user_id: null,
        flow_id: null,
        next_attempt_at: clock.now().toISOString(),
        created_at: clock.now().toISOString(),
        last_error: null,
        finished_at: null,
      })
      .execute();
    const channels = Array.from({ length: 6 }, () => new RecordingChannel());
    await Promise.all(channels.map((channel) => queueWith(channel).work()));
    expect(channels.reduce((sum, channel) => sum + channel.sent.length, 0)).toBe(1);
  });
});
