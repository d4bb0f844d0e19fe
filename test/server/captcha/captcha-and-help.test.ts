import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptchaChallengeSchema, ErrorResponseSchema, HelpRequestReceivedSchema, ROUTES } from '@resetdesk/shared';
import type { ErrorCode } from '@resetdesk/shared';
import { CAPTCHA_ALPHABET } from '../../../src-server/src/captcha/captcha-glyphs';
import { drawCaptcha } from '../../../src-server/src/captcha/captcha-image';
import { leadingZeroBits, proofOfWorkDigest } from '../../../src-server/src/captcha/captcha-service';
import { AppError } from '../../../src-server/src/errors/app-error';
import { call, createTestServer, decoyNameWith, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

let server: TestServer | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await server?.close();
  temp?.remove();
  server = undefined;
  temp = undefined;
});

async function serverWithPolicy(policy: Record<string, unknown>): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  return server;
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function solve(salt: string, bits: number): string {
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(proofOfWorkDigest(salt, String(nonce))) >= bits) return String(nonce);
  }
}

const ctx = { ip: '192.0.2.30' };

describe('CAPTCHA pictures', () => {
  it('draws only paths from the glyph font, with noise, never the text itself', () => {
    let seed = 7;
    const random = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % max;
    };
    const image = drawCaptcha('AK4W9', random);
    expect(image).toMatchObject({ width: 220, height: 72, length: 5 });
    expect(image.paths.length).toBeGreaterThan(25);
    expect(JSON.stringify(image)).not.toMatch(/AK4W9/u);
    expect(CAPTCHA_ALPHABET).not.toMatch(/[01258BILOSZUV]/u);
    expect(() => CaptchaChallengeSchema.shape.image.parse(image)).not.toThrow();
  });
});

describe('CAPTCHA challenges', () => {
  it('accepts the right text once, case and spaces ignored; a wrong answer uses the challenge up', async () => {
    const s = await serverWithPolicy({});
    const first = await s.runtime.captcha.issueWithAnswer();
    expect(first.text).toHaveLength(5);
    const typed = ` ${first.text.toLowerCase().slice(0, 2)} ${first.text.toLowerCase().slice(2)}`;
    expect(await s.runtime.captcha.verify({ id: first.challenge.id, text: typed })).toBe('ok');
    expect(await s.runtime.captcha.verify({ id: first.challenge.id, text: first.text })).toBe('invalid');

    const second = await s.runtime.captcha.issueWithAnswer();
    expect(await s.runtime.captcha.verify({ id: second.challenge.id, text: 'WRONG' })).toBe('invalid');
    expect(await s.runtime.captcha.verify({ id: second.challenge.id, text: second.text })).toBe('invalid');
  });

  it('expires after its lifetime', async () => {
    const s = await serverWithPolicy({ captcha: { lifetimeMinutes: 5 } });
    const { challenge, text } = await s.runtime.captcha.issueWithAnswer();
    s.clock.advanceMinutes(5);
    expect(await s.runtime.captcha.verify({ id: challenge.id, text })).toBe('invalid');
  });

  it('can be passed without sight by a proof of work of the required difficulty', async () => {
    const s = await serverWithPolicy({ captcha: { proofOfWorkBits: 10 } });
    const challenge = await s.runtime.captcha.issue();
    expect(challenge.proofOfWork.difficultyBits).toBe(10);
    const nonce = solve(challenge.proofOfWork.salt, 10);
    expect(await s.runtime.captcha.verify({ id: challenge.id, proofOfWorkNonce: nonce })).toBe('ok');
    const other = await s.runtime.captcha.issue();
    // A nonce that misses the difficulty fails (find one whose digest starts with a one bit).
    let weak = 0;
    while (leadingZeroBits(proofOfWorkDigest(other.proofOfWork.salt, String(weak))) > 0) weak++;
    expect(await s.runtime.captcha.verify({ id: other.id, proofOfWorkNonce: String(weak) })).toBe('invalid');
  });

  it('is issued over HTTP in the contract shape', async () => {
    const s = await serverWithPolicy({});
    const response = await call(s.app, 'POST', ROUTES.getCaptcha, { body: {} });
    expect(response.status).toBe(201);
    expect(CaptchaChallengeSchema.safeParse(response.body).success).toBe(true);
  });
});

describe('CAPTCHA at the username step', () => {
  it('is required always when the policy says so, the same for known and unknown names', async () => {
    const s = await serverWithPolicy({ captcha: { mode: 'always', proofOfWorkBits: 8 } });
    const flows = s.runtime.flows;
    expect(await codeOf(flows.start({ kind: 'reset', username: 'adele' }, ctx))).toBe('CAPTCHA_REQUIRED');
    expect(await codeOf(flows.start({ kind: 'reset', username: 'nobody' }, ctx))).toBe('CAPTCHA_REQUIRED');
    const { challenge, text } = await s.runtime.captcha.issueWithAnswer();
    const solution = { id: challenge.id, text };
    expect(await codeOf(flows.start({ kind: 'reset', username: 'adele', captcha: solution }, ctx))).toBe('ok');
    // Single use: the same answer does not start a second flow.
    expect(await codeOf(flows.start({ kind: 'reset', username: 'nobody', captcha: solution }, ctx))).toBe(
      'CAPTCHA_INVALID',
    );
    const pow = await s.runtime.captcha.issue();
    const nonce = solve(pow.proofOfWork.salt, 8);
    const viaWork = { id: pow.id, proofOfWorkNonce: nonce };
    expect(await codeOf(flows.start({ kind: 'reset', username: 'nobody', captcha: viaWork }, ctx))).toBe('ok');
    const response = await call(s.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } });
    expect(response.status).toBe(428);
    expect(ErrorResponseSchema.parse(response.body).error.code).toBe('CAPTCHA_REQUIRED');
  });

  it('is required after failures from the same address only (the default)', async () => {
    const s = await serverWithPolicy({ captcha: { afterFailures: 2 } });
    const flows = s.runtime.flows;
    for (const username of ['adele', await decoyNameWith(s, 'email')]) {
      const { flowToken } = await flows.start({ kind: 'reset', username }, ctx);
      await flows.chooseMethod(flowToken, 'email', ctx);
      expect(await codeOf(flows.verifyCode(flowToken, '000000', ctx))).toBe('CODE_INVALID');
    }
    expect(await codeOf(flows.start({ kind: 'reset', username: 'diego' }, ctx))).toBe('CAPTCHA_REQUIRED');
    expect(await codeOf(flows.start({ kind: 'reset', username: 'nobody2' }, ctx))).toBe('CAPTCHA_REQUIRED');
    expect(await codeOf(flows.start({ kind: 'reset', username: 'diego' }, { ip: '198.51.100.4' }))).toBe('ok');
  });

  it('is never asked when switched off', async () => {
    const s = await serverWithPolicy({ captcha: { mode: 'off' } });
    expect(await codeOf(s.runtime.flows.start({ kind: 'reset', username: 'adele' }, ctx))).toBe('ok');
  });
});

/** A fresh CAPTCHA of `s`, solved by proof of work (the policy's bits are kept low in these tests). */
async function solvedCaptcha(s: TestServer): Promise<{ id: string; proofOfWorkNonce: string }> {
  const challenge = await s.runtime.captcha.issue();
  return { id: challenge.id, proofOfWorkNonce: solve(challenge.proofOfWork.salt, challenge.proofOfWork.difficultyBits) };
}

describe('"contact your administrator" requests', () => {
  it('tell the helpdesk which account and what the wizard showed, and answer unknown names the same', async () => {
    const s = await serverWithPolicy({ captcha: { proofOfWorkBits: 8 } });
    const known = await call(s.app, 'POST', ROUTES.requestHelp, {
      body: { username: 'Carlos', reason: 'ACCOUNT_NOT_ENABLED', captcha: await solvedCaptcha(s) },
    });
    const unknown = await call(s.app, 'POST', ROUTES.requestHelp, {
      body: { username: 'Hunter2-Secret!', reason: 'ACCOUNT_NOT_ENABLED', captcha: await solvedCaptcha(s) },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(HelpRequestReceivedSchema.parse(known.body)).toEqual(unknown.body);
    const messages = (await s.runtime.outbox.list()).filter((m) => m.to === 'helpdesk@contoso.example');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toContain('carlos (Carlos Slattery)');
    expect(messages[0]?.body).toContain('ACCOUNT_NOT_ENABLED');
    expect(JSON.stringify(await s.runtime.outbox.list())).not.toContain('Hunter2');
    const audit = await s.runtime.audit.list();
    expect(audit.filter((row) => row.event === 'contact.requested').map((row) => row.detail)).toEqual([
      'ACCOUNT_NOT_ENABLED not_sent:unknown_user',
      'ACCOUNT_NOT_ENABLED sent',
    ]);
  });

  it('need the CAPTCHA, have their own limit (never the account\'s emails), and fail clearly without a helpdesk', async () => {
    // Issue 9 item 8: help requests naming jamal used to use up his email allowance.
    const s = await serverWithPolicy({
      captcha: { proofOfWorkBits: 8 },
      throttle: { emails: { max: 2, windowMinutes: 10 }, helpRequests: { max: 2, windowMinutes: 60 } },
    });
    const unsolved = await call(s.app, 'POST', ROUTES.requestHelp, { body: { username: 'jamal', reason: 'CONTACT_ADMIN' } });
    expect(ErrorResponseSchema.parse(unsolved.body).error.code).toBe('CAPTCHA_REQUIRED');
    const ask = async () =>
      call(s.app, 'POST', ROUTES.requestHelp, {
        body: { username: 'jamal', reason: 'CONTACT_ADMIN', captcha: await solvedCaptcha(s) },
      });
    for (let i = 0; i < 2; i++) expect((await ask()).status).toBe(202);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(ErrorResponseSchema.parse(limited.body).error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('3600');
    // Jamal's own code emails are untouched.
    const { flowToken } = await s.runtime.flows.start({ kind: 'reset', username: 'jamal' }, { ip: '192.0.2.50' });
    expect((await s.runtime.flows.chooseMethod(flowToken, 'email', { ip: '192.0.2.50' })).flow.step.kind).toBe('enterCode');
    await s.close();
    temp?.remove();
    temp = makeTempDir();
    server = await createTestServer({ demo: false });
    const none = await call(server.app, 'POST', ROUTES.requestHelp, { body: { username: 'carlos', reason: 'CONTACT_ADMIN' } });
    expect(ErrorResponseSchema.parse(none.body).error.code).toBe('DELIVERY_FAILED');
  });
});
