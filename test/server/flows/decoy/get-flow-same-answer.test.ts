import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { createTestServer } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// "Nobody can tell who exists" holds at every step, not only the first: asking for the flow's current step again
// (the wizard does after a reload or a rejected answer) answers a real account's flow and an unknown name's alike,
// for every kind of flow.
let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);

afterAll(() => server.close());

/** Status and body as a prober compares them, without what differs per flow anyway (token, expiry, masked target). */
function comparable(statusCode: number, body: unknown): unknown {
  const masked = (key: string, value: unknown) =>
    ['flowToken', 'expiresAt', 'maskedTarget', 'label', 'detail'].includes(key) ? typeof value : value;
  return { statusCode, body: JSON.parse(JSON.stringify(body, masked)) as unknown };
}

async function startThenGet(kind: string, username: string) {
  const started = await server.app.inject({ method: 'POST', url: ROUTES.startFlow, payload: { kind, username } });
  expect(started.statusCode).toBe(201);
  const token = (started.json() as { flowToken: string }).flowToken;
  const again = await server.app.inject({ method: 'GET', url: ROUTES.getFlow, headers: { [FLOW_TOKEN_HEADER]: token } });
  return { started: comparable(started.statusCode, started.json()), again: comparable(again.statusCode, again.json()) };
}

describe('the current step, asked again', () => {
  it.each(['change', 'register'])('is the same for a real account and an unknown name (%s flow)', async (kind) => {
    const real = await startThenGet(kind, 'adele');
    const unknown = await startThenGet(kind, 'nobody-here-at-all');
    expect(unknown.started).toEqual(real.started);
    expect(unknown.again).toEqual(real.again);
    expect((real.again as { statusCode: number }).statusCode).toBe(200);
  });

  it('answers 200 with the chooser for a reset flow of either', async () => {
    const real = await startThenGet('reset', 'adele');
    const unknown = await startThenGet('reset', 'nobody-here-at-all');
    for (const flow of [real, unknown]) {
      expect(flow.again).toMatchObject({ statusCode: 200, body: { flow: { step: { kind: 'chooseMethod' } } } });
    }
  });
});
