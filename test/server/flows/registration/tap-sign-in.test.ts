import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ManageSecurityInfoStep } from '@resetdesk/shared';
import { call, createTestServer } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';

// Security info opened with a Temporary Access Pass instead of the password (issue 14), over HTTP on the demo tenant:
// the right pass opens the list past the method gate; a wrong pass and an unknown name answer alike; an expired, used
// and revoked pass each say so; a one-time pass used by parallel requests opens exactly one; throttled and audited.

let server: TestServer;
const calls = registrationCalls(() => server);

beforeEach(async () => {
  server = await createTestServer({ demo: true });
}, 60_000);
afterEach(async () => {
  await server.close();
});

const tapSignIn = (token: string, pass: string) => call(server.app, 'POST', ROUTES.signInWithTap, {
  token, body: { pass } });

async function issue(username: string, oneTime = false, lifetimeMinutes = 60): Promise<string> {
  const user = await server.runtime.directory.findUser(username);
  if (!user) throw new Error(`no ${username}`);
  const issued = await server.runtime.methods.tap.passes.issue({ user, lifetimeMinutes, oneTime, issuedBy: 'test' });
  return issued.pass;
}

async function started(username: string): Promise<string> {
  const answer = await calls.start(username);
  expect(answer.status).toBe(201);
  return answer.body.flowToken;
}

describe('security info: sign in with a Temporary Access Pass', () => {
  it('opens the list with the pass alone, past the method gate (Adele has an email registered)', async () => {
    const pass = await issue('adele');
    const token = await started('adele');
    const answer = await tapSignIn(token, `${pass.slice(0, 5)} ${pass.slice(5)}`);
    expect(answer.status).toBe(200);
    const body = answer.body as { flowToken: string; flow: { step: ManageSecurityInfoStep } };
    expect(body.flow.step.kind).toBe('manageSecurityInfo');
    expect(body.flowToken).not.toBe(token);
    // The list is really open: a method can be added on the new token.
    const sent = await calls.begin(body.flowToken, { kind: 'email', address: 'adele.home@fabrikam.example' });
    expect(sent.body.flow.step.kind).toBe('confirmRegistration');
    const events = (await server.runtime.audit.list({ username: 'adele' })).map((r) => [r.event, r.detail]);
    expect(events).toEqual(expect.arrayContaining([['tap.used', expect.any(String)],
      ['security_info.signed_in', 'manage,tap']]));
    expect(JSON.stringify(await server.runtime.audit.list({}))).not.toContain(pass);
  });

  it('answers a wrong pass and an unknown name alike, as a wrong password; both throttled', async () => {
    await issue('bianca');
    const [first = '', second = '', third = '', fourth = ''] =
      await Promise.all(['bianca', 'nobody-at-all', 'bianca', 'bianca'].map(started));
    const wrong = await tapSignIn(first, '1234567890');
    const nobody = await tapSignIn(second, '1234567890');
    const password = await calls.signIn(third, 'not-her-password');
    for (const answer of [wrong, nobody, password]) {
      expect(answer.status).toBe(password.status);
      expect(answer.body).toEqual(password.body);
    }
    expect(password.body).toMatchObject({ error: { code: 'CREDENTIALS_INVALID' } });
    // Counted as failed sign-ins: a new start now wants a CAPTCHA, and more wrong passes end in a throttle's refusal.
    expect((await calls.start('bianca')).status).toBe(428);
    const codes: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = await tapSignIn(fourth, `00000000${String(i).padStart(2, '0')}`);
      codes.push((answer.body as { error: { code: string } }).error.code);
    }
    expect(codes[0]).toBe('CREDENTIALS_INVALID');
    expect(codes.at(-1)).not.toBe('CREDENTIALS_INVALID');
  });

  it('says so for an expired, a used and a revoked pass', async () => {
    const once = await issue('bianca', true);
    expect((await tapSignIn(await started('bianca'), once)).status).toBe(200);
    const used = await tapSignIn(await started('bianca'), once);
    expect(used.body).toMatchObject({ error: { code: 'TAP_USED' } });

    const revoked = await issue('bianca');
    const bianca = await server.runtime.directory.findUser('bianca');
    if (!bianca) throw new Error('no bianca');
    await server.runtime.methods.tap.passes.revoke(bianca, 'test');
    expect((await tapSignIn(await started('bianca'), revoked)).body).toMatchObject({ error: { code: 'TAP_REVOKED' } });

    const expiring = await issue('bianca', false, 10);
    server.clock.advanceMinutes(11);
    expect((await tapSignIn(await started('bianca'), expiring)).body).toMatchObject({ error: { code: 'TAP_EXPIRED' } });
  });

  it('lets exactly one of parallel requests in with a one-time pass', async () => {
    const once = await issue('bianca', true);
    const tokens = await Promise.all(Array.from({ length: 6 }, () => started('bianca')));
    const answers = await Promise.all(tokens.map((token) => tapSignIn(token, once)));
    const codes = answers.map((a) => (a.status === 200 ? 'ok' : (a.body as { error: { code: string } }).error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    // The others: used (or refused as busy while the one that won held the account's check).
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'TAP_USED' || c === 'SERVER_BUSY')).toBe(true);
    const uses = (await server.runtime.audit.list({ username: 'bianca' })).filter((r) => r.event === 'tap.used');
    expect(uses).toHaveLength(1);
  });
});
