import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowResponse, ManageSecurityInfoStep } from '@resetdesk/shared';
import { call, createTestServer, latestCodeFor } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';
import { demoUser } from '../../support/unlock-change-calls';
import { ROUTES } from '@resetdesk/shared';

// Security info (issue 14) over HTTP against the demo tenant's built-in directory: sign in, add an email address and
// a phone with their proofs, then reset with them; the directory's own entries; the one-method gate once registered.

let server: TestServer;
const calls = registrationCalls(() => server);
const PRIVATE = 'bianca.private@fabrikam.example';
const PHONE = '+31612345678';

// Generous: a throwaway PostgreSQL (RESETDESK_TEST_STORE=postgres) starts slowly on a busy machine.
beforeEach(async () => {
  server = await createTestServer({ demo: true });
}, 60_000);
afterEach(async () => {
  await server.close();
});

async function signedIn(username: string) {
  const started = await calls.start(username);
  expect(started.status).toBe(201);
  return calls.signIn(started.body.flowToken, demoUser(username).password);
}

function manage(answer: { body: { flow: { step: unknown } } }): ManageSecurityInfoStep {
  const step = answer.body.flow.step as ManageSecurityInfoStep;
  expect(step.kind).toBe('manageSecurityInfo');
  return step;
}

describe('security info: registering', () => {
  it('lets Bianca (nothing registered) add an email and a phone, each proved, then reset with them', async () => {
    const started = await calls.start('bianca');
    expect(started.body.flow).toMatchObject({ flowKind: 'register', step: { kind: 'signIn' } });
    const listed = await calls.signIn(started.body.flowToken, demoUser('bianca').password);
    expect(listed.status).toBe(200);
    // The password was her only proof: a new token, and the (empty) list at once.
    const token = listed.body.flowToken;
    expect(token).not.toBe(started.body.flowToken);
    expect(manage(listed)).toMatchObject({ methods: [], methodsRequired: 1 });
    expect(manage(listed).canAdd).toEqual(expect.arrayContaining(['email', 'phone']));

    const sent = await calls.begin(token, { kind: 'email', address: 'Bianca.Private@Fabrikam.example' });
    expect(sent.body.flow.step).toMatchObject({
      kind: 'confirmRegistration',
      method: 'email',
      proof: { kind: 'code', maskedTarget: 'b•••@fabrikam.example', codeLength: 6, attemptsLeft: 5 },
    });
    const saved = await calls.confirm(token, await calls.codeFor(PRIVATE));
    expect(manage(saved).methods).toEqual([
      expect.objectContaining({ kind: 'email', maskedTarget: 'b•••@fabrikam.example', fromDirectory: false }),
    ]);
    // The only method, while the policy requires one: not removable.
    expect(manage(saved).methods[0]).toMatchObject({ isDefault: true, removable: false });

    await calls.begin(token, { kind: 'phone', number: '06 12345678', country: 'NL', via: 'sms' });
    const phone = await calls.confirm(token, await calls.codeFor(PHONE));
    expect(manage(phone).methods.map((m) => [m.kind, m.maskedTarget])).toEqual([
      ['email', 'b•••@fabrikam.example'],
      ['phone', '••• ••• ••78'],
    ]);
    expect(manage(phone).methods.every((m) => m.removable)).toBe(true);
    expect((await calls.finish(token)).body.flow.step).toEqual({ kind: 'done', outcome: 'securityInfoSaved' });

    // Now a reset offers the registered address and the phone (one phone: an SMS and a call).
    const reset = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'bianca' },
    });
    const chooser = reset.body.flow.step;
    expect(chooser.kind === 'chooseMethod' && chooser.methods.map((m) => m.kind)).toEqual(['email', 'sms', 'voice']);
    await calls.choose(reset.body.flowToken, 'sms');
    const code = /^(\d{6})/u.exec((await calls.messagesTo(PHONE))[0]?.body ?? '')?.[1] ?? '';
    const passed = await calls.verify(reset.body.flowToken, code);
    expect(passed.body.flow.step.kind).toBe('newPassword');
  });

  it('tells every address of the change, with no address or number in the audit rows', async () => {
    const token = (await signedIn('bianca')).body.flowToken;
    await calls.begin(token, { kind: 'email', address: PRIVATE });
    await calls.confirm(token, await calls.codeFor(PRIVATE));
    const notices = (await calls.messagesTo(PRIVATE)).filter((m) => /security info was changed/u.test(m.subject));
    expect(notices).toHaveLength(1);
    const audit = await server.runtime.audit.list({ username: 'bianca' });
    expect(audit.map((r) => r.event)).toEqual(
      expect.arrayContaining(['security_info.signed_in', 'security_info.proof_sent', 'security_info.added']),
    );
    expect(JSON.stringify(audit)).not.toMatch(/fabrikam|12345678/u);
  });

  it('asks Adele (directory email) for one method first; her directory address is listed, not removable', async () => {
    const signed = await signedIn('adele');
    expect(signed.body.flow.step.kind).toBe('chooseMethod');
    const token = signed.body.flowToken;
    // Nothing changes before the method is verified.
    expect((await calls.begin(token, { kind: 'email', address: 'a@b.example' })).body.error.code).toBe(
      'FLOW_STEP_MISMATCH',
    );
    await calls.choose(token, 'email');
    const verified = await calls.verify(token, await latestCodeFor(server.app, demoUser('adele').email ?? ''));
    expect(verified.status).toBe(200);
    expect(manage(verified).methods).toEqual([
      expect.objectContaining({ id: 'directory:email', fromDirectory: true, removable: false }),
    ]);
    // Never the new-password step, even with a token from the gate.
    const reset = await call(server.app, 'POST', ROUTES.setPassword, {
      token: verified.body.flowToken,
      body: { newPassword: 'Velvet-Harbor-88!' },
    });
    expect(reset.status).toBe(409);
  });
});
