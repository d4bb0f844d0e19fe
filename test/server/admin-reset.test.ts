import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOption } from '@resetdesk/shared';
import { ResetFlowService } from '../../src-server/src/flows/reset-flow-service';
import { EmailCodeMethod } from '../../src-server/src/methods/email-code';
import type { ChallengeCheck, VerificationMethod } from '../../src-server/src/methods/verification-method';
import { createPasswordChecker } from '../../src-server/src/password/password-checker';
import { ResetGuard } from '../../src-server/src/policy/reset-guard';
import type { ResetPolicy } from '../../src-server/src/policy/reset-policy';
import { ServerSecrets } from '../../src-server/src/secrets/server-secrets';
import { createTestServer } from './support/server-fixtures';
import type { TestServer } from './support/server-fixtures';

// An administrator's reset end to end: two gates with two different methods, then the helpdesk is told. Only email
// exists as a real method yet, so the second gate is a fake method, named as one; everything else is the real runtime.

const FAKE_KIND = 'fakeSecondMethod' as MethodOption['kind'];
const FAKE_ANSWER = '246810';

class FakeSecondMethod implements VerificationMethod {
  readonly kind = FAKE_KIND;
  optionFor(): MethodOption {
    return { id: 'fake-second', kind: FAKE_KIND, maskedTarget: 'fake •••' };
  }
  decoyOptionFor(): MethodOption {
    return this.optionFor();
  }
  challengesSent = () => Promise.resolve(0);
  isLocked = () => Promise.resolve(false);
  sendChallenge = () => Promise.resolve();
  status = () => Promise.resolve({ expiresAt: new Date('2030-01-01T00:00:00Z'), attemptsLeft: 5 });
  verify(_flowId: string, _methodId: string, answer: string): Promise<ChallengeCheck> {
    return Promise.resolve(answer === FAKE_ANSWER ? { result: 'ok' } : { result: 'invalid', attemptsLeft: 4 });
  }
}

let server: TestServer;
let flows: ResetFlowService;
const ctx = { ip: '192.0.2.40' };

beforeEach(async () => {
  server = await createTestServer({ demo: true });
  const runtime = server.runtime;
  const policy: ResetPolicy = {
    ...runtime.policy,
    methods: ['email', FAKE_KIND] as ResetPolicy['methods'],
    captcha: { ...runtime.policy.captcha, mode: 'off' },
  };
  const secrets = ServerSecrets.generate();
  const emailMethod = new EmailCodeMethod({
    db: runtime.store.db,
    delivery: runtime.outbox,
    clock: server.clock,
    policy,
    codeHmacKey: secrets.codeHmacKey,
    decoyKey: secrets.decoyKey,
  });
  flows = new ResetFlowService({
    db: runtime.store.db,
    tenantId: 'default',
    directory: runtime.directory,
    policy,
    methods: [emailMethod, new FakeSecondMethod()],
    passwordChecker: createPasswordChecker({ policy: policy.passwordPolicy, organizationName: policy.organizationName }),
    delivery: runtime.outbox,
    audit: runtime.audit,
    clock: server.clock,
    guard: new ResetGuard({
      db: runtime.store.db,
      directory: runtime.directory,
      policy,
      throttle: runtime.throttle,
      captcha: runtime.captcha,
    }),
  });
});

afterEach(async () => {
  await server.close();
});

async function latestCode(to: string): Promise<string> {
  const messages = await server.runtime.outbox.list();
  const code = /code is (\d+)/u.exec(messages.find((m) => m.to === to)?.body ?? '')?.[1];
  if (!code) throw new Error('no code');
  return code;
}

describe('administrator reset', () => {
  it('takes two gates with different methods and tells the helpdesk afterwards', async () => {
    const started = await flows.start({ kind: 'reset', username: 'megan' }, ctx);
    expect(started.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 1, gatesRequired: 2 });
    await flows.chooseMethod(started.flowToken, 'email', ctx);
    const afterFirst = await flows.verifyCode(started.flowToken, await latestCode('megan@contoso.example'), ctx);
    expect(afterFirst.flow.step).toMatchObject({
      kind: 'chooseMethod',
      gate: 2,
      methods: [{ id: 'fake-second' }],
    });
    await flows.chooseMethod(started.flowToken, 'fake-second', ctx);
    const afterSecond = await flows.verifyCode(started.flowToken, FAKE_ANSWER, ctx);
    expect(afterSecond.flow.step.kind).toBe('newPassword');
    await flows.setPassword(started.flowToken, 'Granite-Orbit-77!', ctx);

    const helpdesk = (await server.runtime.outbox.list()).filter((m) => m.to === 'helpdesk@contoso.example');
    expect(helpdesk).toHaveLength(1);
    expect(helpdesk[0]?.subject).toContain('administrator account megan');
    expect(helpdesk[0]?.body).not.toContain('Granite-Orbit-77!');
    const user = (await server.runtime.outbox.list()).filter((m) => m.to === 'megan@contoso.example');
    expect(user[0]?.body).toContain("If this wasn't you");
  });

  it('never gets the reset with one gate, even when the policy asks for one', async () => {
    const started = await flows.start({ kind: 'reset', username: 'megan' }, ctx);
    await flows.chooseMethod(started.flowToken, 'email', ctx);
    const afterFirst = await flows.verifyCode(started.flowToken, await latestCode('megan@contoso.example'), ctx);
    expect(afterFirst.flow.step.kind).toBe('chooseMethod');
    // An ordinary member passes with one gate under the same policy.
    const adele = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    expect(adele.flow.step).toMatchObject({ gatesRequired: 1 });
  });
});
