import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { WEBHOOK_EVENTS_PATH } from '../../../../src-server/src/http/routes/webhook-event-routes';
import type { RunningServer } from '../../../../src-server/src/runtime/start-server';
import { startFakeWebhookGateway } from '../../support/fake-webhook-gateway';
import type { FakeWebhookGateway, GatewayMessage } from '../../support/fake-webhook-gateway';
import { postFlow, startNonDemoServer } from '../../support/non-demo-server';
import { makeTempDir } from '../../support/server-fixtures';

// A real (non-demo) reset server whose SMS and calls go through the organisation's gateway, over real sockets: the
// fake gateway verifies each signed message, the test reads the code from it like a person reads their phone, and
// the gateway "answers" a call by posting a signed call.answered event back. Events that are unsigned, changed,
// stale or replayed are refused and audited; nothing secret reaches a log line or an audit row.
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const NINA_PHONE = '+31612345678';
const ADELE_PHONE = '+14255550123';

let temp: ReturnType<typeof makeTempDir>;
let gateway: FakeWebhookGateway;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  temp = makeTempDir();
  gateway = await startFakeWebhookGateway(SECRET);
  writeFileSync(join(temp.dir, 'gateway-secret'), `${SECRET}\n`, { mode: 0o600 });
  const viaGateway = { provider: 'webhook', url: gateway.url, secret: { file: 'gateway-secret' }, timeoutMs: 5000 };
  server = await startNonDemoServer({
    dir: temp.dir,
    delivery: { sms: viaGateway, voice: viaGateway },
    policy: { methods: ['sms', 'voice'], captcha: { mode: 'off' } },
    users: [
      { username: 'nina', displayName: 'Nina Smit', phone: NINA_PHONE },
      { username: 'adele', displayName: 'Adele Vance', phone: ADELE_PHONE },
    ],
    log: { level: 'debug', stream: { write: (line) => logLines.push(line) } },
  });
  const { db } = server.runtime.store;
  // Keeps every call id the queue is given, so the last test can look for them in logs and audit rows (the server
  // itself never shows one: the queue forgets it once the call is placed).
  await sql`CREATE TABLE test_seen_call_ids (call_id TEXT NOT NULL)`.execute(db);
  await sql`CREATE TRIGGER test_keep_call_ids AFTER INSERT ON delivery_queue WHEN NEW.call_id IS NOT NULL
    BEGIN INSERT INTO test_seen_call_ids (call_id) VALUES (NEW.call_id); END`.execute(db);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await gateway?.close();
  temp?.remove();
});

const post = (path: string, body: unknown, token?: string) => postFlow(server, path, body, token);

/** Starts a reset in `locale`, picks the method, and returns the flow's token and what the gateway was given. */
async function resetBy(methodId: 'sms' | 'voice', username: string, locale: string) {
  const before = gateway.received().length;
  const started = await post(ROUTES.startFlow, { kind: 'reset', username, locale });
  expect(started.status).toBe(201);
  const chosen = await post(ROUTES.chooseMethod, { methodId }, started.body.flowToken);
  expect(chosen.status).toBe(200);
  expect(chosen.body.flow.step.kind).toBe(methodId === 'sms' ? 'enterCode' : 'awaitApproval');
  const [message] = (await gateway.waitFor(before + 1)).slice(before);
  if (!message) throw new Error('the gateway got nothing');
  return { token: chosen.body.flowToken, message };
}

const eventsUrl = () => `${server.url}${WEBHOOK_EVENTS_PATH}`;
const answer = (message: GatewayMessage, digits: string) => ({ type: 'call.answered', id: message.id, digits });
const setPassword = async (token: string, newPassword: string) =>
  (await post(ROUTES.setPassword, { newPassword }, token)).body.flow.step.kind;
const stepAfterCall = async (token: string) => (await post(ROUTES.checkDecision, {}, token)).body.flow.step.kind;

async function auditRows(event: string) {
  const { db } = server.runtime.store;
  return db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute();
}

describe('a reset through the organisation gateway (non-demo server)', () => {
  it('texts Nina a Dutch code with language "nl"; she types it and sets her new password', async () => {
    const { token, message } = await resetBy('sms', 'nina', 'nl-NL');
    expect(message).toMatchObject({ type: 'sms.send', to: NINA_PHONE, language: 'nl' });
    const code = /^(\d{6}) is uw verificatiecode voor Contoso\. De code verloopt over \d+ minuten\.$/u.exec(
      message.body ?? '',
    )?.[1];
    expect(code).toMatch(/^\d{6}$/u);
    const verified = await post(ROUTES.verifyCode, { code }, token);
    expect(verified.body.flow.step.kind).toBe('newPassword');
    await expect(setPassword(verified.body.flowToken, 'Green-Valley-58-Oar')).resolves.toBe('done');
  });

  it('calls Adele in English; the gateway answers "#" by a signed event, and she sets her new password', async () => {
    const { token, message } = await resetBy('voice', 'adele', 'en-US');
    expect(Object.keys(message.payload).sort()).toEqual(['id', 'language', 'prompt', 'to', 'type']);
    expect(message).toMatchObject({ type: 'call.place', to: ADELE_PHONE, language: 'en' });
    expect(message.prompt).toMatch(/^This is the Contoso password reset service\. .*press the hash key \(#\) now/u);
    expect(await stepAfterCall(token)).toBe('awaitApproval');
    expect((await gateway.postEvent(eventsUrl(), answer(message, '#'))).status).toBe(204);
    const passed = await post(ROUTES.checkDecision, {}, token);
    expect(passed.body.flow.step.kind).toBe('newPassword');
    await expect(setPassword(passed.body.flowToken, 'Copper-Harbor-93-Elm')).resolves.toBe('done');
    const [row] = (await auditRows('call.answered')).slice(-1);
    expect(row).toMatchObject({ outcome: 'success', detail: 'webhook press-hash' });
  });

  it('calls Nina in Dutch, and a key other than # refuses the call', async () => {
    const { token, message } = await resetBy('voice', 'nina', 'nl-NL');
    expect(message).toMatchObject({ type: 'call.place', language: 'nl' });
    expect(message.prompt).toMatch(/^Dit is de wachtwoordservice van Contoso\. .*hekje-toets \(#\)/u);
    expect((await gateway.postEvent(eventsUrl(), answer(message, '1'))).status).toBe(204);
    const refused = await fetch(`${server.url}${ROUTES.checkDecision}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FLOW_TOKEN_HEADER]: token },
      body: '{}',
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await refused.json())).toContain('CALL_NOT_ANSWERED');
    expect((await auditRows('call.answered')).at(-1)).toMatchObject({ outcome: 'failure', detail: 'webhook hang-up' });
  });

  it('records a message the gateway could not deliver as delivery.failed, with its code only', async () => {
    const before = (await auditRows('delivery.failed')).length;
    const failed = { type: 'message.failed', id: 'msg_abc', error: 'UNREACHABLE' };
    expect((await gateway.postEvent(eventsUrl(), failed)).status).toBe(204);
    expect((await gateway.postEvent(eventsUrl(), { type: 'message.delivered', id: 'msg_abc' })).status).toBe(204);
    const rows = (await auditRows('delivery.failed')).slice(before);
    expect(rows.map((row) => row.detail)).toEqual(['sms webhook failed UNREACHABLE']);
  });
});

describe("the gateway's events", () => {
  it('refuses an unsigned, a changed, a stale and a replayed event, audits each, acts on none', async () => {
    const failedBefore = (await auditRows('delivery.failed')).length;
    const refusedBefore = (await auditRows('delivery.callback_refused')).length;
    const event = { type: 'message.failed', id: 'msg_forged', error: 'X' };
    expect((await gateway.postEvent(eventsUrl(), event, { signature: null })).status).toBe(403);
    const changed = JSON.stringify({ ...event, error: 'CHANGED' });
    expect((await gateway.postEvent(eventsUrl(), event, { tamperedBody: changed })).status).toBe(403);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await gateway.postEvent(eventsUrl(), event, { timestampSeconds: tenMinutesAgo })).status).toBe(403);
    expect((await gateway.postEvent(eventsUrl(), event, { webhookId: 'evt_once' })).status).toBe(204);
    expect((await gateway.postEvent(eventsUrl(), event, { webhookId: 'evt_once' })).status).toBe(409);

    const refused = (await auditRows('delivery.callback_refused')).slice(refusedBefore);
    expect(refused.map((row) => row.detail)).toEqual([
      'webhook unsigned',
      'webhook bad_signature',
      'webhook stale',
      'webhook replayed',
    ]);
    expect(refused.every((row) => row.outcome === 'failure' && row.ip === '127.0.0.1')).toBe(true);
    // Only the one genuine, first-seen event was acted on.
    expect((await auditRows('delivery.failed')).slice(failedBefore).map((row) => row.detail)).toEqual([
      'sms webhook failed X',
    ]);
  });

  it('takes exactly one of several copies of an event posted at once', async () => {
    const failedBefore = (await auditRows('delivery.failed')).length;
    const event = { type: 'message.failed', id: 'msg_parallel', error: 'BUSY' };
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => gateway.postEvent(eventsUrl(), event, { webhookId: 'evt_parallel' })),
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([204, 409, 409, 409, 409, 409]);
    expect((await auditRows('delivery.failed')).length).toBe(failedBefore + 1);
  });

  it('lets one of several answers to the same call, posted at once under different ids, decide it', async () => {
    const { token, message } = await resetBy('voice', 'adele', 'en-US');
    const before = (await auditRows('call.answered')).length;
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () => gateway.postEvent(eventsUrl(), answer(message, '#'))),
    );
    expect(statuses.every((s) => s.status === 204)).toBe(true);
    const details = (await auditRows('call.answered')).slice(before).map((row) => row.detail);
    expect(details.sort()).toEqual(['webhook press-hash', 'webhook replayed', 'webhook replayed', 'webhook replayed']);
    expect(await stepAfterCall(token)).toBe('newPassword');
  });

  it('keeps numbers, words, codes and call ids out of every log line and audit row', async () => {
    const { db } = server.runtime.store;
    await server.runtime.flows.purgeExpiredFlows();
    const callIds = (await sql<{ call_id: string }>`SELECT call_id FROM test_seen_call_ids`.execute(db)).rows;
    expect(callIds.length).toBeGreaterThanOrEqual(3);
    const secrets = [
      ...callIds.map((row) => row.call_id),
      ...gateway.received().flatMap((m) => [m.body ?? '', m.prompt ?? '', /\d{6}/u.exec(m.body ?? '')?.[0] ?? '']),
      NINA_PHONE.slice(1),
      ADELE_PHONE.slice(1),
      'Green-Valley-58-Oar',
      'Copper-Harbor-93-Elm',
    ].filter((secret) => secret.length > 0);
    const audit = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
    const logs = logLines.join('\n');
    expect(logs).toContain(WEBHOOK_EVENTS_PATH);
    for (const secret of secrets) {
      expect(audit).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    const kept = await db.selectFrom('delivery_queue').select(['body', 'to_address', 'call_id']).execute();
    expect(kept.filter((row) => row.body !== null || row.to_address !== null || row.call_id !== null)).toEqual([]);
  });
});
