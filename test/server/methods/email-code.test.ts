import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../src-server/src/directory/directory';
import { TenantDomains } from '../../../src-server/src/directory/tenant-domains';
import { buildDecoyProfile } from '../../../src-server/src/flows/decoy/decoy-profile';
import { decoyPseudonym } from '../../../src-server/src/flows/engine/decoy-name';
import { FlowRepository } from '../../../src-server/src/flows/engine/flow-repository';
import { EMAIL_METHOD_ID, EmailCodeMethod } from '../../../src-server/src/methods/email-code/email-code';
import { resetPolicy } from '../../../src-server/src/policy/reset-policy';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { addMinutes } from '../../../src-server/src/support/clock';
import { RecordingChannel } from '../support/recording-channel';
import { makeTempDir, ManualClock } from '../support/server-fixtures';

const user: DirectoryUser = {
  id: 'u-1',
  username: 'adele',
  displayName: 'Adele Vance',
  email: 'adele@contoso.example',
  phone: null,
  accountEnabled: true,
  enabledForReset: true,
  managedExternally: false,
  protectedAccount: false,
  locked: false,
};


let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let clock: ManualClock;
let mailbox: RecordingChannel;
let method: EmailCodeMethod;
let flowId: string;
let flowExpiresAt: Date;

async function insertFlow(id: string): Promise<void> {
  const now = clock.now();
  flowExpiresAt = addMinutes(now, 15);
  await new FlowRepository({ db: store.db, tenantId: 't' }).insert({
    id,
    token_hash: `hash-${id}`,
    kind: 'reset',
    state: 'verify',
    user_id: null,
    decoy: 1,
    username: 'adele',
    method_id: EMAIL_METHOD_ID,
    client_ip: null,
    locale: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    expires_at: flowExpiresAt.toISOString(),
    completed_at: null,
  });
}

const option = { id: EMAIL_METHOD_ID, kind: 'email' as const, maskedTarget: 'a•••@contoso.example' };

beforeEach(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  clock = new ManualClock();
  mailbox = new RecordingChannel();
  await ensureTenant(store.db, clock, 't', 'Contoso');
  method = new EmailCodeMethod({
    db: store.db,
    delivery: mailbox,
    clock,
    policy: resetPolicy({ organizationName: 'Contoso', emailDomain: 'contoso.example' }),
    codeHmacKey: Buffer.alloc(32, 7),
  });
  flowId = 'flow-1';
  await insertFlow(flowId);
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

const send = () => method.sendChallenge({ flowId, option, recipient: user, notAfter: flowExpiresAt });

describe('email code method', () => {
  it('offers a masked address only to users with an email address', () => {
    expect(method.optionFor(user)).toEqual(option);
    expect(method.optionFor({ ...user, email: null })).toBeNull();
  });

  it('mails a 6-digit code and stores only its HMAC', async () => {
    await send();
    expect(mailbox.sent).toHaveLength(1);
    expect(mailbox.sent[0]?.to).toBe('adele@contoso.example');
    expect(mailbox.sent[0]?.subject).not.toMatch(/\d{6}/u);
    const code = mailbox.lastCode();
    expect(code).toMatch(/^\d{6}$/u);
    const rows = await store.db.selectFrom('verification_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(await method.status(flowId, EMAIL_METHOD_ID)).toEqual({
      expiresAt: addMinutes(clock.now(), 10),
      attemptsLeft: 5,
    });
  });

  it('accepts the right code once (single use)', async () => {
    await send();
    const code = mailbox.lastCode();
    expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, code)).toEqual({ result: 'ok' });
    expect((await method.verifyCode(flowId, EMAIL_METHOD_ID, code)).result).not.toBe('ok');
  });

  it('counts wrong codes down and locks the method at the fifth', async () => {
    await send();
    const code = mailbox.lastCode();
    const wrong = code === '000000' ? '000001' : '000000';
    for (const attemptsLeft of [4, 3, 2, 1]) {
      expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, wrong)).toEqual({ result: 'invalid', attemptsLeft });
    }
    expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, wrong)).toEqual({ result: 'attempts_exceeded' });
    // Locked: even the right code no longer works, and a new code does not reset the count.
    expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, code)).toEqual({ result: 'attempts_exceeded' });
    expect(await method.isLocked(flowId, EMAIL_METHOD_ID)).toBe(true);
  });

  it('expires a code after 10 minutes without costing an attempt', async () => {
    await send();
    const code = mailbox.lastCode();
    clock.advanceMinutes(9.9);
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, wrong)).toEqual({ result: 'invalid', attemptsLeft: 4 });
    clock.advanceMinutes(0.1);
    expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, code)).toEqual({ result: 'expired' });
    expect((await method.status(flowId, EMAIL_METHOD_ID))?.attemptsLeft).toBe(4);
  });

  it('never lets a code outlive its flow', async () => {
    clock.advanceMinutes(10);
    await send();
    expect((await method.status(flowId, EMAIL_METHOD_ID))?.expiresAt).toEqual(flowExpiresAt);
  });

  it('invalidates the previous code when a new one is sent', async () => {
    await send();
    const first = mailbox.lastCode();
    await send();
    const second = mailbox.lastCode();
    if (first !== second) {
      expect((await method.verifyCode(flowId, EMAIL_METHOD_ID, first)).result).toBe('invalid');
    }
    expect(await method.verifyCode(flowId, EMAIL_METHOD_ID, second)).toEqual({ result: 'ok' });
    expect(await method.challengesSent(flowId, EMAIL_METHOD_ID)).toBe(2);
  });

  it('binds codes to their flow', async () => {
    await insertFlow('flow-2');
    await send();
    const code = mailbox.lastCode();
    await method.sendChallenge({ flowId: 'flow-2', option, recipient: user, notAfter: flowExpiresAt });
    const otherCode = mailbox.lastCode();
    if (code !== otherCode) expect((await method.verifyCode('flow-2', EMAIL_METHOD_ID, code)).result).toBe('invalid');
  });

  it('for a decoy sends nothing and accepts no code at all', async () => {
    await method.sendChallenge({ flowId, option, recipient: null, notAfter: flowExpiresAt });
    expect(mailbox.sent).toHaveLength(0);
    expect(await method.status(flowId, EMAIL_METHOD_ID)).toMatchObject({ attemptsLeft: 5 });
    const results = [];
    for (const guess of ['000000', '123456', '999999', '5555555555', '424242']) {
      results.push(await method.verifyCode(flowId, EMAIL_METHOD_ID, guess));
    }
    expect(results).toEqual([
      { result: 'invalid', attemptsLeft: 4 },
      { result: 'invalid', attemptsLeft: 3 },
      { result: 'invalid', attemptsLeft: 2 },
      { result: 'invalid', attemptsLeft: 1 },
      { result: 'attempts_exceeded' },
    ]);
  });

  it('gives decoys a stable masked address in the organisation domain', () => {
    const decoyFor = (typed: string) => {
      const domains = new TenantDomains(['contoso.example']);
      const profile = buildDecoyProfile({
        key: Buffer.alloc(32, 9),
        canonicalName: domains.canonical(typed),
        pseudonym: decoyPseudonym(typed),
        distribution: { methodSets: [], emailDomains: [], approvalLabels: [], questionCounts: [] },
        fallbackKinds: ['email'],
        fallbackGates: 1,
        fallbackEmailDomain: 'contoso.example',
        questionsToRegister: 3,
      });
      return method.decoyOptionFor(profile);
    };
    const first = decoyFor('nobody');
    expect(first).toEqual({ id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: 'n•••@contoso.example' });
    expect(decoyFor('nobody')).toEqual(first);
    expect(decoyFor('jan@fabrikam.nl').maskedTarget).toBe('j•••@fabrikam.nl');
    expect(decoyFor('contoso\\piet').maskedTarget).toBe('p•••@contoso.example');
    expect(decoyFor('__').maskedTarget).toMatch(/^[a-z]•••@contoso\.example$/u);
  });
});
