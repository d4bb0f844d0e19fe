import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmRegistrationStep, ManageSecurityInfoStep, RegistrationProof } from '@resetdesk/shared';
import { TotpRegistrar } from '../../../../src-server/src/methods/authenticator-code/totp-registrar';
import { ROUTES } from '@resetdesk/shared';
import { call, createTestServer } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';
import type { Answer } from '../../support/registration-calls';
import { demoUser } from '../../support/unlock-change-calls';

// Security questions and an authenticator app registered in security info over HTTP (the real runtime and store):
// the answer rules named one by one, the set saved at once and replaced, the TOTP secret shown until its first code,
// a wrong first code counted, parallel confirms of which exactly one saves, and a used code refused again.

let server: TestServer;
const calls = registrationCalls(() => server);

beforeEach(async () => {
  server = await createTestServer({ demo: true });
}, 90_000);
afterEach(async () => {
  await server.close();
});

async function signedIn(username = 'bianca'): Promise<string> {
  const started = await calls.start(username);
  return (await calls.signIn(started.body.flowToken, demoUser(username).password)).body.flowToken;
}

const manage = (answer: Answer) => answer.body.flow.step as ManageSecurityInfoStep;
const totpProof = (answer: Answer) =>
  (answer.body.flow.step as ConfirmRegistrationStep).proof as Extract<RegistrationProof, { kind: 'totp' }>;

// The server's clock is the test's (a manual one): codes are made for its time.
const codeNow = (secret: string): Promise<string> =>
  generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });

const GOOD = [
  { questionId: 'firstPetName', answer: 'Snuffel' },
  { questionId: 'childhoodStreet', answer: 'Lindenlaan' },
  { questionId: 'firstCarModel', answer: 'Fiat Panda' },
];

describe('security questions in security info', () => {
  it('offers the policy number of questions and refuses each broken rule by name, storing nothing', async () => {
    const token = await signedIn();
    const shown = manage(await calls.show(token));
    expect(shown.canAdd).toContain('questions');
    expect(shown.questions).toEqual({ count: 3, organization: [] });
    const cases = [
      { answers: [GOOD[0], GOOD[1], { ...GOOD[2], answer: ' snuffel ' }], rule: 'ANSWERS_ALIKE', index: 2 },
      { answers: [GOOD[0], GOOD[1], { ...GOOD[2], answer: 'Panda car model' }], rule: 'ANSWER_CONTAINS_QUESTION', index: 2 },
      { answers: [GOOD[0], GOOD[1], { ...GOOD[2], answer: 'ab' }], rule: 'ANSWER_TOO_SHORT', index: 2 },
      { answers: [GOOD[0], GOOD[1], { ...GOOD[0], answer: 'Rex' }], rule: 'QUESTION_REPEATED', index: 2 },
      { answers: [GOOD[0], GOOD[1]], rule: 'WRONG_NUMBER_OF_QUESTIONS' },
    ];
    for (const { answers, rule, index } of cases) {
      const refused = await calls.begin(token, { kind: 'questions', answers });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('SECURITY_ANSWERS_INVALID');
      expect(refused.body.error.details?.answerRules).toContainEqual(index === undefined ? { rule } : { rule, index });
      // What was typed never comes back.
      expect(JSON.stringify(refused.body)).not.toMatch(/snuffel|panda/iu);
    }
    expect(manage(await calls.show(token)).methods).toEqual([]);
  });

  it('saves a valid set at once as one item, replaces it when registered again, and removes it', async () => {
    const token = await signedIn();
    const saved = await calls.begin(token, { kind: 'questions', answers: GOOD });
    expect(saved.status).toBe(200);
    // The only method while the policy requires one: kept.
    expect(manage(saved).methods).toEqual([
      { id: 'questions', kind: 'questions', maskedTarget: '', fromDirectory: false, isDefault: true, removable: false },
    ]);
    const changed = GOOD.map((g) => ({ ...g, answer: `${g.answer}x` }));
    const again = await calls.begin(token, { kind: 'questions', answers: changed });
    expect(manage(again).methods).toHaveLength(1);
    const user = await server.runtime.directory.findUser('bianca');
    const row = await server.runtime.methods.registrations.find(user?.id ?? '', 'questions');
    // Stored as the reset checks them: hashes only, never the answers.
    expect(row?.data).not.toMatch(/snuffel|lindenlaan/iu);
    // With an authenticator app beside them, the questions can go.
    const secret = totpProof(await calls.begin(token, { kind: 'totp' })).secret;
    await calls.confirm(token, await codeNow(secret));
    const removed = await calls.remove(token, 'questions');
    expect(manage(removed).methods.map((m) => m.id)).toEqual(['totp']);
  });
});

describe('an authenticator app in security info', () => {
  it('shows a new secret, refuses a wrong first code with attempts left, saves on the right one, once', async () => {
    const token = await signedIn();
    const begun = await calls.begin(token, { kind: 'totp' });
    const proof = totpProof(begun);
    expect(proof).toMatchObject({ kind: 'totp', codeLength: 6, attemptsLeft: 5 });
    expect(proof.secret).toMatch(/^[A-Z2-7]{16,}$/u);
    expect(new URL(proof.otpauthUri).searchParams.get('secret')).toBe(proof.secret);
    expect(proof.qrSvg.startsWith('<svg')).toBe(true);
    // A reload shows the same secret.
    const reloaded = await call<Answer['body']>(server.app, 'GET', ROUTES.getFlow, { token });
    expect(totpProof(reloaded as Answer).secret).toBe(proof.secret);
    const right = await codeNow(proof.secret);
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await calls.confirm(token, wrong);
    expect(refused.body.error).toMatchObject({ code: 'TOTP_ENROLLMENT_CODE_INVALID', details: { attemptsLeft: 4 } });
    expect(manage(await calls.show(token)).methods).toEqual([]);

    const again = totpProof(await calls.begin(token, { kind: 'totp' }));
    const code = await codeNow(again.secret);
    // Two confirms at once with the right code: one saves, the other finds nothing open.
    const answers = await Promise.all([calls.confirm(token, code), calls.confirm(token, code)]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const saved = answers.find((a) => a.status === 200);
    if (!saved) throw new Error('nothing saved');
    expect(manage(saved).methods.map((m) => m.id)).toEqual(['totp']);
    // The same code again is refused.
    expect((await calls.confirm(token, code)).status).toBeGreaterThanOrEqual(400);
    expect(manage(saved).methods[0]?.removable).toBe(false);
  });

  it('lets exactly one of parallel confirms save, and refuses a code verified once (registrar, no flow lock)', async () => {
    const { runtime } = server;
    const user = await runtime.directory.findUser('bianca');
    if (!user) throw new Error('no bianca');
    const registrar = new TotpRegistrar({
      db: runtime.store.db,
      clock: server.clock,
      registrations: runtime.methods.registrations,
      enrollment: runtime.methods.totpEnrollment,
      policy: runtime.policy,
    });
    // A real flow row for the challenge to belong to.
    const flowId = await startFlowId();
    const context = { flowId, user, locale: null, notAfter: new Date(server.clock.now().getTime() + 600_000) };
    await registrar.begin(context, { kind: 'totp' });
    const proof = await registrar.view(flowId);
    if (proof?.kind !== 'totp') throw new Error('no totp proof');
    const code = await codeNow(proof.secret);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => registrar.confirm(context, { kind: 'code', code })),
    );
    expect(outcomes.filter((o) => o.result === 'saved')).toHaveLength(1);
    expect(await registrar.confirm(context, { kind: 'code', code })).toEqual({ result: 'expired' });
    expect(registrar.failureOf({ result: 'expired' }).code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
    // Saved: listed, and the code that confirmed it cannot pass a reset either (its time step is used).
    expect((await registrar.list(user)).map((i) => i.id)).toEqual(['totp']);
    const registration = await runtime.methods.registrations.find(user.id, 'totp');
    const step = Math.floor(server.clock.now().getTime() / 30_000);
    expect(await runtime.methods.registrations.useTimeStep(registration?.id ?? '', step - 1)).toBe(false);
  });
});

async function startFlowId(): Promise<string> {
  await calls.start('bianca');
  const row = await server.runtime.store.db
    .selectFrom('flows')
    .select('id')
    .where('username', '=', 'bianca')
    .executeTakeFirst();
  if (!row) throw new Error('no flow');
  return row.id;
}
