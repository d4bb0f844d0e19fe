import { describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse, ManageSecurityInfoStep } from '@resetdesk/shared';
import { call } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';
import { demoUser, unlockChangeCalls } from '../../support/unlock-change-calls';

// Required registration and reconfirmation (issue 14), over HTTP on the demo tenant with the server's clock moved:
// after a change password the done screen gives way to "More information required" and a register flow the change
// flow hands over once; the reconfirmation prompt after the interval and not before; Done refused below the count.

const flows = unlockChangeCalls();
const calls = registrationCalls(() => flows.server);
type Answer = { status: number; body: FlowResponse & ErrorResponse };
const DAY = 24 * 60;

const post = (url: string, token: string, body: object = {}): Promise<Answer> =>
  call<FlowResponse & ErrorResponse>(flows.server.app, 'POST', url, { token, body });
const continueOn = (token: string) => post(ROUTES.continueToSecurityInfo, token);

function manage(answer: Answer): ManageSecurityInfoStep {
  expect(answer.body.flow?.step.kind).toBe('manageSecurityInfo');
  return answer.body.flow.step as ManageSecurityInfoStep;
}

async function changed(username: string, newPassword: string, oldPassword = demoUser(username).password) {
  const started = await flows.start('change', username);
  expect(started.status).toBe(201);
  const answer = await flows.change(started.body.flowToken, oldPassword, newPassword);
  expect(answer.status).toBe(200);
  return { token: started.body.flowToken, answer };
}

/** Security info opened with a pass (no gate to walk): the list as the person sees it right after signing in. */
async function signedIn(username: string): Promise<Answer> {
  const user = await flows.server.runtime.directory.findUser(username);
  if (!user) throw new Error(`no ${username}`);
  const { pass } = await flows.server.runtime.methods.tap.passes.issue({ user, lifetimeMinutes: 60, oneTime: true,
    issuedBy: 'test' });
  const started = await calls.start(username);
  return post(ROUTES.signInWithTap, started.body.flowToken, { pass });
}

describe('required registration after a change password', () => {
  it('hands Bianca (nothing registered) over to her list once; Done is refused until she has one', async () => {
    flows.server = await flows.serverWithPolicy({ captcha: { mode: 'off' } });
    const { token, answer } = await changed('bianca', 'Velvet-Harbor-88!');
    expect(answer.body.flow.step).toEqual({ kind: 'securityInfoRequired', reason: 'register' });
    // The password is changed already.
    expect(await flows.signIn('bianca', 'Velvet-Harbor-88!')).toBe(true);
    // Two continues at once: exactly one opens the list.
    const both = await Promise.all([continueOn(token), continueOn(token)]);
    const opened = both.filter((a) => a.status === 200);
    expect(opened).toHaveLength(1);
    expect(both.find((a) => a.status !== 200)?.body.error.code).toBe('FLOW_STEP_MISMATCH');
    const list = opened[0];
    if (!list) throw new Error('no list');
    expect(list.body.flow.flowKind).toBe('register');
    expect(manage(list)).toMatchObject({ methods: [], methodsRequired: 1 });
    const registerToken = list.body.flowToken;
    expect(registerToken).not.toBe(token);
    // Replayed later: still refused; the change flow now reads as done.
    expect((await continueOn(token)).body.error.code).toBe('FLOW_STEP_MISMATCH');

    const refused = await calls.finish(registerToken);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SECURITY_INFO_REQUIRED' });
    await calls.begin(registerToken, { kind: 'email', address: 'bianca.private@fabrikam.example' });
    await calls.confirm(registerToken, await calls.codeFor('bianca.private@fabrikam.example'));
    expect((await calls.finish(registerToken)).body.flow.step).toEqual({ kind: 'done', outcome: 'securityInfoSaved' });
    const events = (await flows.server.runtime.audit.list({ username: 'bianca' })).map((r) => [r.event, r.detail]);
    expect(events).toEqual(expect.arrayContaining([['flow.started', 'register,after_change'],
      ['security_info.confirmed', null]]));
    // Nothing is due any more: the next change is done at once.
    expect((await changed('bianca', 'Quiet-Meadow-47!', 'Velvet-Harbor-88!')).answer.body.flow.step)
      .toEqual({ kind: 'done', outcome: 'passwordChanged' });
  });

  it('keeps the done screen for Grace (an email registered, nothing to reconfirm yet)', async () => {
    flows.server = await flows.serverWithPolicy({ captcha: { mode: 'off' } });
    const { answer } = await changed('grace', 'Velvet-Harbor-88!');
    expect(answer.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordChanged' });
  });
});

describe('reconfirmation after the interval', () => {
  it('asks Adele again only once the interval has passed; Looks good or a change restarts it', async () => {
    flows.server = await flows.serverWithPolicy({ captcha: { mode: 'off' }, reconfirmationDays: 30 });
    const clock = flows.server.clock;
    // No confirmation on record yet: nothing to count from, so no prompt.
    const first = await signedIn('adele');
    expect(manage(first).reconfirm).toBeUndefined();
    expect((await calls.finish(first.body.flowToken)).body.flow.step.kind).toBe('done');

    clock.advanceMinutes(29 * DAY);
    expect(manage(await signedIn('adele')).reconfirm).toBeUndefined();
    clock.advanceMinutes(DAY + 1);
    const due = await signedIn('adele');
    expect(manage(due).reconfirm).toBe(true);
    // Looks good: the confirmation is recorded (audited) and the prompt is gone.
    expect((await calls.finish(due.body.flowToken)).body.flow.step).toEqual({ kind: 'done',
      outcome: 'securityInfoSaved' });
    expect(manage(await signedIn('adele')).reconfirm).toBeUndefined();
    const confirmed = (await flows.server.runtime.audit.list({ username: 'adele' }))
      .filter((r) => r.event === 'security_info.confirmed');
    expect(confirmed).toHaveLength(2);

    // After the interval, a change password hands over for the reconfirmation; adding a method confirms too.
    clock.advanceMinutes(31 * DAY);
    const { token, answer } = await changed('adele', 'Velvet-Harbor-88!');
    expect(answer.body.flow.step).toEqual({ kind: 'securityInfoRequired', reason: 'reconfirm' });
    const list = await continueOn(token);
    expect(manage(list).reconfirm).toBe(true);
    await calls.begin(list.body.flowToken, { kind: 'email', address: 'adele.home@fabrikam.example' });
    const added = await calls.confirm(list.body.flowToken, await calls.codeFor('adele.home@fabrikam.example'));
    expect(manage(added).reconfirm).toBeUndefined();
  });

  it('counts from the first change password or sign-in when no confirmation is on record; not from a reset',
    async () => {
      flows.server = await flows.serverWithPolicy({ captcha: { mode: 'off' }, reconfirmationDays: 30 });
      const clock = flows.server.clock;
      // Grace (an email, never confirmed) changes her password: her interval starts now. Frank only proves an email
      // code (an unlock, a reset's steps): nothing starts for him.
      expect((await changed('grace', 'Velvet-Harbor-88!')).answer.body.flow.step.kind).toBe('done');
      expect((await flows.unlockWithCode('frank')).verified.status).toBe(200);

      clock.advanceMinutes(31 * DAY);
      expect(manage(await signedIn('grace')).reconfirm).toBe(true);
      // Frank's first sign-in to security info starts his (he is not asked yet), and it is not moved by later ones.
      expect(manage(await signedIn('frank')).reconfirm).toBeUndefined();
      clock.advanceMinutes(29 * DAY);
      expect(manage(await signedIn('frank')).reconfirm).toBeUndefined();
      clock.advanceMinutes(DAY + 1);
      expect(manage(await signedIn('frank')).reconfirm).toBe(true);
      // Grace's change password after the interval hands her over for the reconfirmation.
      expect((await changed('grace', 'Quiet-Meadow-47!', 'Velvet-Harbor-88!')).answer.body.flow.step)
        .toEqual({ kind: 'securityInfoRequired', reason: 'reconfirm' });
    });
});
