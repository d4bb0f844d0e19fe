import { beforeEach, describe, expect, it } from 'vitest';
import { PlacedCalls } from '../../../../src-server/src/delivery/voice/placed-calls';
import type { Store } from '../../../../src-server/src/store/store';
import { ensureTenant } from '../../../../src-server/src/store/tenants';
import { ManualClock } from '../../support/server-fixtures';
import { STORE_DIALECTS, useTestStores } from '../../support/store-dialects';

// A provider's answer for a placed call counts once: a replay, a parallel duplicate or an unknown reference gets
// nothing, and an expired call can no longer be answered.

let store: Store;
let clock: ManualClock;
let calls: PlacedCalls;

const inAMinute = () => new Date(clock.now().getTime() + 60_000);

const stores = useTestStores();

describe.each(STORE_DIALECTS)('on %s', (dialect) => {
  beforeEach(async () => {
    store = await stores.open(dialect);
    clock = new ManualClock();
    await ensureTenant(store.db, clock, 't', 'Contoso');
    calls = new PlacedCalls({ db: store.db, tenantId: 't', clock });
  });

  it('gives the call id hash once, then calls it a replay', async () => {
    await calls.remember('twilio', 'CA1', 'secret-call-id', inAMinute());
    const first = await calls.takeAnswer('twilio', 'CA1');
    expect(first.kind).toBe('answer');
    expect(first.kind === 'answer' && first.callIdHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(await calls.takeAnswer('twilio', 'CA1')).toEqual({ kind: 'replayed' });
    expect(await calls.takeAnswer('webhook', 'CA1')).toEqual({ kind: 'unknown' });
    expect(await calls.takeAnswer('twilio', 'CA2')).toEqual({ kind: 'unknown' });
  });

  it('lets exactly one of parallel answers win', async () => {
    await calls.remember('webhook', 'msg_1', 'secret-call-id', inAMinute());
    const results = await Promise.all(Array.from({ length: 8 }, () => calls.takeAnswer('webhook', 'msg_1')));
    expect(results.filter((r) => r.kind === 'answer')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'replayed')).toHaveLength(7);
  });

  it('refuses an answer after the call expired, and purges it a day later', async () => {
    await calls.remember('twilio', 'CA3', 'secret-call-id', inAMinute());
    clock.advanceMinutes(2);
    expect(await calls.takeAnswer('twilio', 'CA3')).toEqual({ kind: 'unknown' });
    clock.advanceMinutes(25 * 60);
    await calls.purge();
    expect(await store.db.selectFrom('placed_calls').selectAll().execute()).toEqual([]);
  });
});
