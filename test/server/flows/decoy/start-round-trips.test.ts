import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { call, createTestServer } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { countRoundTrips } from '../../support/round-trip-counter';
import type { RoundTrips } from '../../support/round-trip-counter';
import { STORE_DIALECTS, useTestStores } from '../../support/store-dialects';

// Issue 15: who exists must not show in how much store work a step costs. The start of a reset for an unknown name
// (a decoy) makes the same round trips to the store, in the same shape, as for a real account, on both dialects:
// on PostgreSQL each one is a network round trip, which an attacker times from outside.

const stores = useTestStores();
let server: TestServer | undefined;
let counter: RoundTrips;

beforeAll(() => {
  counter = countRoundTrips();
});

afterAll(() => counter.restore());

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startTrips(username: string): Promise<string[]> {
  const { app } = server as TestServer;
  const { result, trips } = await counter.measure(() =>
    call(app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } }),
  );
  expect(result.status).toBe(201);
  return trips;
}

describe.each(STORE_DIALECTS)('on %s', (dialect) => {
  it('costs a known and an unknown name the same store round trips at the start, first visit and later', async () => {
    const settings = await stores.settings(dialect);
    const env: Record<string, string> = settings.kind === 'postgres' ? { RESETDESK_STORE_URL: settings.url } : {};
    server = await createTestServer({ demo: true, env });
    await server.runtime.prepare();
    // Warm-up: the first request of a process compiles and caches what every later one reuses.
    await startTrips('karim');
    const known = await startTrips('adele');
    const unknownFirst = await startTrips('nobody-here');
    const unknownAgain = await startTrips('nobody-here');
    const knownAgain = await startTrips('adele');
    // The same statements in the same order (verb and table), not only as many of them.
    expect(unknownFirst).toEqual(known);
    expect(unknownAgain).toEqual(known);
    expect(knownAgain).toEqual(known);
    expect(known.length).toBeGreaterThan(10);
  }, 60_000);
});
