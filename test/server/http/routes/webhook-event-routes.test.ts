import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { WEBHOOK_EVENTS_PATH } from '../../../../src-server/src/http/routes/webhook-event-routes';
import { gatewaySignature } from '../../support/fake-webhook-gateway';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// The events route itself: it exists only with a gateway configured, needs no enrolled device (the gateway is not a
// desktop: its signature is the credential), and answers a signed event it cannot read with 400, acting on nothing.
const SECRET = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;

let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;

beforeAll(async () => {
  temp = makeTempDir();
  writeFileSync(join(temp.dir, 'gateway-secret'), SECRET);
  const secret = { file: join(temp.dir, 'gateway-secret') };
  const viaGateway = { provider: 'webhook', url: 'https://gw.contoso.example/m', secret };
  writeFileSync(join(temp.dir, 'delivery.json'), JSON.stringify({ voice: viaGateway }));
  server = await createTestServer({
    demo: false,
    env: { RESETDESK_DELIVERY_FILE: join(temp.dir, 'delivery.json'), RESETDESK_REQUIRE_ENROLLED_DEVICES: '1' },
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  temp?.remove();
});

function signedEvent(body: string, id = `evt_${Math.random().toString(36).slice(2)}`) {
  const timestamp = Math.floor(server.clock.now().getTime() / 1000);
  return server.app.inject({
    method: 'POST',
    url: WEBHOOK_EVENTS_PATH,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': gatewaySignature(SECRET, id, timestamp, body),
    },
    payload: body,
  });
}

describe('the gateway events route', () => {
  it('takes a signed event without an enrolled device, where the API otherwise needs one', async () => {
    const unsignedByDevice = await server.app.inject({
      method: 'POST',
      url: ROUTES.startFlow,
      payload: { kind: 'reset', username: 'adele' },
    });
    expect(unsignedByDevice.json()).toMatchObject({ error: { code: 'DEVICE_NOT_TRUSTED' } });
    const response = await signedEvent(JSON.stringify({ type: 'call.failed', id: 'msg_none', error: 'BUSY' }));
    expect(response.statusCode).toBe(204);
  });

  it('answers 400 to a signed event it cannot read, and audits nothing for it', async () => {
    const { db } = server.runtime.store;
    const before = await db.selectFrom('audit_log').select('id').execute();
    expect((await signedEvent('{"type":"sms.exploded","id":"msg_x"}')).statusCode).toBe(400);
    expect((await signedEvent('not json at all')).statusCode).toBe(400);
    expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

  it('does not exist on a server without a gateway', async () => {
    const plain = await createTestServer({ demo: false });
    try {
      const response = await plain.app.inject({ method: 'POST', url: WEBHOOK_EVENTS_PATH, payload: {} });
      expect(response.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
