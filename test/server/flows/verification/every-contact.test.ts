import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { DEMO_METHODS } from '../../../../src-server/src/demo/demo-users';
import { RegisteredPhones } from '../../../../src-server/src/methods/phone/registered-phones';
import { DEFAULT_TENANT_ID } from '../../../../src-server/src/store/tenants';
import { call, createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Issue 14: every registered email address and phone is an option of its own in the chooser (masked, as Entra lists
// each), and the code goes to the one chosen. A decoy has further addresses and phones as often as accounts do.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ methods: DEMO_METHODS, captcha: { mode: 'off' } }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  // Karim's mobile is in the directory; he registered a second phone in security info.
  const karim = await server.runtime.directory.findUser('karim');
  if (!karim) throw new Error('no demo user karim');
  const deps = { db: server.runtime.store.db, tenantId: DEFAULT_TENANT_ID, clock: server.clock };
  await new RegisteredPhones(deps).add(karim.id, '+31687650044');
}, 60_000);
afterAll(async () => {
  await server.close();
  temp.remove();
});

async function start(username: string) {
  const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  expect(started.status).toBe(201);
  const step = started.body.flow.step;
  if (step.kind !== 'chooseMethod') throw new Error(`no chooser for ${username}`);
  return { token: started.body.flowToken, methods: step.methods };
}

const post = (url: string, token: string, body: unknown) => call<FlowResponse>(server.app, 'POST', url, { token, body });
const outboxTo = async (to: string) => (await server.runtime.outbox.list()).filter((m) => m.to === to);

describe('every registered address and phone', () => {
  it('is its own option, masked, and the code goes to the one chosen', async () => {
    // Jamal: the directory's address, and the second one he registered.
    const jamal = await start('jamal');
    const emails = jamal.methods.filter((m) => m.kind === 'email');
    expect(emails).toEqual([
      { id: 'email', kind: 'email', maskedTarget: 'j•••@contoso.example' },
      { id: 'email-2', kind: 'email', maskedTarget: 'j•••@fabrikam.example' },
    ]);
    const before = (await outboxTo('jamal@contoso.example')).length;
    const sent = await post(ROUTES.chooseMethod, jamal.token, { methodId: 'email-2' });
    expect(sent.status).toBe(200);
    const [message] = await outboxTo('jamal.idris@fabrikam.example');
    expect((await outboxTo('jamal@contoso.example')).length).toBe(before);
    const code = /(\d{6})/u.exec(message?.body ?? '')?.[1] ?? '';
    const verified = await post(ROUTES.verifyCode, sent.body.flowToken, { code });
    expect(verified.body.flow.step.kind).toBe('newPassword');

    // Karim: one phone from the directory, one registered; each by text and by call.
    const karim = await start('karim');
    expect(karim.methods.map((m) => m.id)).toEqual(['sms', 'sms-2', 'voice', 'voice-2']);
    expect(karim.methods.find((m) => m.id === 'sms-2')?.maskedTarget).toBe('••• ••• ••44');
    await post(ROUTES.chooseMethod, karim.token, { methodId: 'sms-2' });
    expect(await outboxTo('+31687650044')).toHaveLength(1);
  });

  it('gives unknown names further addresses and phones drawn from the accounts, in the same shape', async () => {
    server.runtime.decoySurvey.invalidate();
    const survey = await server.runtime.decoySurvey.settled();
    const karimSet = survey.methodSets.find((w) => w.value.kinds.join(',') === 'sms,voice');
    expect(karimSet?.value).toMatchObject({ extraPhones: 1, extraEmails: 0 });
    const shown = new Set<string>();
    const done = () => shown.has('sms,sms-2,voice,voice-2') && [...shown].some((ids) => ids.includes('email,email-2'));
    for (let i = 0; i < 300 && !done(); i += 1) {
      const decoy = await start(`stranger-${i}`);
      shown.add(decoy.methods.map((m) => m.id).join(','));
      // Every address and phone masked as a real one is.
      for (const m of decoy.methods.filter((o) => o.kind === 'email')) expect(m.maskedTarget).toMatch(/^.•••@/u);
      for (const m of decoy.methods.filter((o) => o.kind !== 'email' && /^(sms|voice)/u.test(o.id))) {
        expect(m.maskedTarget).toMatch(/^••• ••• ••\d\d$/u);
      }
    }
    expect(shown).toContain('sms,sms-2,voice,voice-2');
    expect([...shown].some((ids) => ids.includes('email,email-2'))).toBe(true);
  });
});
