import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner';
import { startFakeWebhookGateway } from '../support/fake-webhook-gateway';
import type { FakeWebhookGateway } from '../support/fake-webhook-gateway';
import { makeTempDir } from '../support/server-fixtures';

// `resetdesk-server delivery test --sms | --call` as IT runs it, with SMS and calls through the organisation's
// gateway: one signed message to the fake gateway, and a clear failure when the gateway refuses it.
const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;

let gateway: FakeWebhookGateway;
let temp: ReturnType<typeof makeTempDir>;
let env: Record<string, string>;

const deliveryTest = (...args: string[]) => runCli(join(temp.dir, 'data'), ['delivery', 'test', ...args], { env });

beforeAll(async () => {
  temp = makeTempDir();
  gateway = await startFakeWebhookGateway(SECRET);
  const viaGateway = { provider: 'webhook', url: gateway.url, secret: { env: 'GATEWAY_SECRET' } };
  const file = join(temp.dir, 'delivery.json');
  writeFileSync(file, JSON.stringify({ sms: viaGateway, voice: viaGateway }));
  env = { RESETDESK_DELIVERY_FILE: file, GATEWAY_SECRET: SECRET, RESETDESK_ORG_NAME: 'Contoso' };
});

afterAll(async () => {
  await gateway?.close();
  temp?.remove();
});

describe('resetdesk-server delivery test through a webhook gateway', () => {
  it('sends one test text message and one test call, each signed, and says they were accepted', async () => {
    const sms = await deliveryTest('--sms', '+31612345678');
    expect(sms.stdout).toMatch(/^ok {4}sms test message accepted for \+31612345678$/mu);
    expect(sms.code).toBe(0);
    const call = await deliveryTest('--call', '+31612345679');
    expect(call.stdout).toMatch(/^ok {4}voice test call placed for \+31612345679$/mu);
    expect(call.code).toBe(0);
    const [text, placed] = gateway.received();
    expect(text).toMatchObject({ type: 'sms.send', to: '+31612345678', language: 'en' });
    expect(text?.body).toContain('No action is needed');
    expect(placed).toMatchObject({ type: 'call.place', to: '+31612345679', language: 'en' });
    expect(placed?.prompt).toContain('No action is needed');
    expect(gateway.refused()).toBe(0);
  }, 90_000);

  it("fails with the gateway's HTTP status when it refuses the message", async () => {
    gateway.failNext(502);
    const result = await deliveryTest('--sms', '+31612345678');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}sms to \+31612345678: DELIVERY_FAILED: .*\(HTTP 502\)\.$/mu);
  }, 90_000);
});
