import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManageSecurityInfoStep } from '@resetdesk/shared';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES } from '@resetdesk/shared';
import { call, createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';
import { demoUser } from '../../support/unlock-change-calls';

// Security info over HTTP: what a signed-in person may change and what is refused; the sign-in's enumeration
// protection; a proof used once under parallel requests.

let server: TestServer;
const calls = registrationCalls(() => server);
const PRIVATE = 'bianca.private@fabrikam.example';

// Generous: a throwaway PostgreSQL (RESETDESK_TEST_STORE=postgres) starts slowly on a busy machine.
beforeEach(async () => {
  server = await createTestServer({ demo: true });
}, 60_000);
afterEach(async () => {
  await server.close();
});

async function biancaSignedIn(): Promise<string> {
  const started = await calls.start('bianca');
  return (await calls.signIn(started.body.flowToken, demoUser('bianca').password)).body.flowToken;
}

async function addEmail(token: string, address: string) {
  await calls.begin(token, { kind: 'email', address });
  return calls.confirm(token, await calls.codeFor(address));
}

const listOf = (answer: { body: { flow: { step: unknown } } }) =>
  (answer.body.flow.step as ManageSecurityInfoStep).methods;

describe('security info: sign-in', () => {
  it('answers an unknown name and a wrong password alike: same status, same body', async () => {
    const known = await calls.start('bianca');
    const unknown = await calls.start('nobody.here');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body.flow).toEqual({ ...known.body.flow, expiresAt: unknown.body.flow.expiresAt });
    const wrong = await calls.signIn(known.body.flowToken, 'Not-Her-Password-1');
    const stranger = await calls.signIn(unknown.body.flowToken, 'Not-Her-Password-1');
    expect(wrong.status).toBe(401);
    expect(stranger.status).toBe(wrong.status);
    expect(stranger.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('CREDENTIALS_INVALID');
    // The unknown name's flow shows the same password form again, and no password opens it.
    expect(await calls.signIn(unknown.body.flowToken, demoUser('bianca').password)).toMatchObject({ status: 401 });
  });

  it('keeps everything but the sign-in closed until the password was right', async () => {
    const started = await calls.start('bianca');
    const early = await calls.begin(started.body.flowToken, { kind: 'email', address: PRIVATE });
    expect(early.body.error.code).toBe('FLOW_STEP_MISMATCH');
    expect(await calls.messagesTo(PRIVATE)).toEqual([]);
  });

  it('is refused before any name is looked up when the policy does not allow registration', async () => {
    await server.close();
    const temp = makeTempDir();
    const file = join(temp.dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ registrationAllowed: false }));
    server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
    const refused = await calls.start('bianca');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('REGISTRATION_NOT_ALLOWED');
    const config = await call<{ registrationAllowed: boolean }>(server.app, 'GET', ROUTES.getPublicConfig);
    expect(config.body.registrationAllowed).toBe(false);
    temp.remove();
  });
});

describe('security info: changes', () => {
  it('refuses bad and duplicate addresses and numbers, sending nothing', async () => {
    const token = await biancaSignedIn();
    expect((await calls.begin(token, { kind: 'email', address: 'not-an-address' })).body.error.code).toBe(
      'EMAIL_ADDRESS_INVALID',
    );
    expect((await calls.begin(token, { kind: 'phone', number: '+31 12', via: 'sms' })).body.error.code).toBe(
      'PHONE_NUMBER_INVALID',
    );
    // A Dutch landline takes a call but no text message.
    const landline = await calls.begin(token, { kind: 'phone', number: '+31 20 123 4567', via: 'sms' });
    expect(landline.body.error.code).toBe('PHONE_NUMBER_INVALID');
    await addEmail(token, PRIVATE);
    const again = await calls.begin(token, { kind: 'email', address: PRIVATE.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SECURITY_INFO_DUPLICATE');
  });

  it("sends at most the policy's number of codes per flow, whichever addresses they go to", async () => {
    const token = await biancaSignedIn();
    for (let i = 0; i < 5; i += 1) {
      expect((await calls.begin(token, { kind: 'email', address: `b${i}@fabrikam.example` })).status).toBe(200);
    }
    // The reset's send throttle refuses the sixth first (the per-flow cap of maxCodeSends stands behind it).
    const capped = await calls.begin(token, { kind: 'email', address: 'b9@fabrikam.example' });
    expect(capped.status).toBe(429);
    expect(capped.body.error.code).toBe('RATE_LIMITED');
    expect(await calls.messagesTo('b9@fabrikam.example')).toEqual([]);
  });

  it('caps the codes of one flow at the policy maxCodeSends', async () => {
    await server.close();
    const temp = makeTempDir();
    const file = join(temp.dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ maxCodeSends: 2 }));
    server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
    const token = await biancaSignedIn();
    await calls.begin(token, { kind: 'email', address: 'b1@fabrikam.example' });
    await calls.begin(token, { kind: 'email', address: 'b2@fabrikam.example' });
    const capped = await calls.begin(token, { kind: 'email', address: 'b3@fabrikam.example' });
    expect(capped.body.error.code).toBe('RESEND_LIMIT_REACHED');
    expect(await calls.messagesTo('b3@fabrikam.example')).toEqual([]);
    temp.remove();
  });

  it('proves a phone by a call that speaks the code; one phone is one entry', async () => {
    const token = await biancaSignedIn();
    await calls.begin(token, { kind: 'phone', number: '+31 6 1234 5678', via: 'voice' });
    const [call] = await calls.messagesTo('+31612345678');
    expect(call?.channel).toBe('voice');
    expect(call?.body).toMatch(/(\d, ){5}\d/u);
    const saved = await calls.confirm(token, await calls.codeFor('+31612345678'));
    expect(listOf(saved).map((m) => m.kind)).toEqual(['phone']);
    const again = await calls.begin(token, { kind: 'phone', number: '06 12345678', country: 'NL', via: 'sms' });
    expect(again.body.error.code).toBe('SECURITY_INFO_DUPLICATE');
  });

  it('removes, but never below the required number, and moves the default', async () => {
    const token = await biancaSignedIn();
    await addEmail(token, PRIVATE);
    const two = listOf(await addEmail(token, 'bianca.second@fabrikam.example'));
    const [first, second] = two;
    if (!first || !second) throw new Error('two methods expected');
    expect(first.isDefault).toBe(true);
    const moved = await calls.setDefault(token, second.id);
    expect(listOf(moved).map((m) => m.isDefault)).toEqual([false, true]);
    const removed = await calls.remove(token, second.id);
    expect(listOf(removed)).toEqual([expect.objectContaining({ id: first.id, isDefault: true, removable: false })]);
    // The removed address is told too (the notice goes to the old address and the one left).
    const told = await calls.messagesTo('bianca.second@fabrikam.example');
    expect(told.filter((m) => /security info was changed/u.test(m.subject)).length).toBeGreaterThanOrEqual(2);
    const last = await calls.remove(token, first.id);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('SECURITY_INFO_REQUIRED');
    expect((await calls.remove(token, 'email:someone-elses')).body.error.code).toBe('SECURITY_INFO_UNKNOWN');
  });

  it('saves a right code once, however many parallel requests carry it', async () => {
    const token = await biancaSignedIn();
    await calls.begin(token, { kind: 'email', address: PRIVATE });
    const code = await calls.codeFor(PRIVATE);
    const answers = await Promise.all(Array.from({ length: 8 }, () => calls.confirm(token, code)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200).map((a) => a.body.error.code);
    expect(new Set(refused)).toEqual(new Set(['FLOW_STEP_MISMATCH']));
    const audit = await server.runtime.audit.list({ username: 'bianca' });
    const added = audit.filter((r) => r.event === 'security_info.added');
    expect(added).toHaveLength(1);
    const bianca = await server.runtime.directory.findUser('bianca');
    expect(await server.runtime.wasntMe.registeredEmails.list(bianca?.id ?? '')).toEqual([PRIVATE]);
  });

  it('counts wrong codes toward the reset path as a reset code does: the fifth locks it; nothing saved', async () => {
    const token = await biancaSignedIn();
    await calls.begin(token, { kind: 'email', address: PRIVATE });
    const right = await calls.codeFor(PRIVATE);
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await calls.confirm(token, wrong);
    expect(first.body.error).toMatchObject({ code: 'CODE_INVALID', details: { attemptsLeft: 4 } });
    for (let i = 0; i < 3; i += 1) await calls.confirm(token, wrong);
    expect((await calls.confirm(token, wrong)).body.error.code).toBe('RATE_LIMITED');
    expect((await calls.confirm(token, right)).body.error.code).toBe('RATE_LIMITED');
    expect(await calls.messagesTo(PRIVATE)).toHaveLength(1);
    expect((await server.runtime.audit.list({ username: 'bianca' })).map((r) => r.event)).not.toContain(
      'security_info.added',
    );
  });
});
