import { afterEach, beforeEach, expect, it } from 'vitest';
import { SeenCallbacks } from '../../../src-server/src/delivery/seen-callbacks';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { makeTempDir, ManualClock } from '../support/server-fixtures';

// A signed callback is taken once: the same one again within the day is a replay, of parallel copies exactly one is
// new, and after a day the store has forgotten it (the routes' own rules refuse such a late one).
let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let clock: ManualClock;
let seen: SeenCallbacks;

beforeEach(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  clock = new ManualClock();
  await ensureTenant(store.db, clock, 't', 'Contoso');
  seen = new SeenCallbacks({ db: store.db, tenantId: 't', clock });
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

it('takes a callback once per source, and forgets it after a day', async () => {
  expect(await seen.firstTime('twilio', ['sig', '?ref=1', 'body'])).toBe(true);
  expect(await seen.firstTime('twilio', ['sig', '?ref=1', 'body'])).toBe(false);
  expect(await seen.firstTime('twilio', ['sig', '?ref=1', 'other body'])).toBe(true);
  expect(await seen.firstTime('webhook', ['sig', '?ref=1', 'body'])).toBe(true);
  clock.advanceMinutes(24 * 60 + 1);
  expect(await seen.firstTime('twilio', ['sig', '?ref=2', 'body'])).toBe(true);
  const kept = await store.db.selectFrom('seen_callbacks').select('digest').execute();
  expect(kept).toHaveLength(1);
  expect(JSON.stringify(kept)).not.toContain('body');
});

it('lets exactly one of parallel copies be new', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => seen.firstTime('twilio', ['sig', '', 'b'])));
  expect(results.filter(Boolean)).toHaveLength(1);
});
