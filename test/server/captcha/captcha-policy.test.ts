import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptchaChallengeSchema, ROUTES } from '@resetdesk/shared';
import type { CaptchaChallenge } from '@resetdesk/shared';
import { proofOfWorkBitsFor, CaptchaPolicySchema } from '../../../src-server/src/captcha/captcha-policy';
import { leadingZeroBits, proofOfWorkDigest } from '../../../src-server/src/captcha/captcha-service';
import { createTestServer, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Issue 9 item 9: the proof of work gets harder with each failure from the same client, each challenge is checked
// against the difficulty it was issued with, and a solution is good for its own challenge once.

let server: TestServer | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await server?.close();
  temp?.remove();
  server = undefined;
  temp = undefined;
});

// Small numbers so that solving in the test is instant; the growth rule is the same at production sizes.
const POLICY = { captcha: { mode: 'afterFailures', afterFailures: 2, proofOfWorkBits: 3, proofOfWorkBitsPerFailure: 2, proofOfWorkMaxBits: 11 } };

async function serverWith(policy: Record<string, unknown>): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  return server;
}

async function challengeFor(s: TestServer, ip: string): Promise<CaptchaChallenge> {
  const response = await s.app.inject({ method: 'POST', url: ROUTES.getCaptcha, remoteAddress: ip, payload: {} });
  expect(response.statusCode).toBe(201);
  return CaptchaChallengeSchema.parse(response.json());
}

async function failFrom(s: TestServer, ip: string, times: number): Promise<void> {
  const throttle = s.runtime.throttle;
  for (let i = 0; i < times; i++) await throttle.recordIdentityFailure(throttle.scopes(`user:failing-${ip}-${i}`, { ip }));
}

/** The smallest nonce with at least `bits` leading zero bits, and the exact number of bits it has. */
function solve(salt: string, bits: number, { exactly = false } = {}): string {
  for (let nonce = 0; ; nonce++) {
    const got = leadingZeroBits(proofOfWorkDigest(salt, String(nonce)));
    if (exactly ? got === bits : got >= bits) return String(nonce);
  }
}

describe('proof-of-work cost', () => {
  it('grows with the failures of the same client beyond those that switch the CAPTCHA on, up to the cap', () => {
    const policy = CaptchaPolicySchema.parse(POLICY.captcha);
    expect([0, 1, 2, 3, 4, 5, 6, 100].map((f) => proofOfWorkBitsFor(policy, f))).toEqual([3, 3, 3, 5, 7, 9, 11, 11]);
    const always = CaptchaPolicySchema.parse({ ...POLICY.captcha, mode: 'always' });
    expect(proofOfWorkBitsFor(always, 1)).toBe(5);
    const defaults = CaptchaPolicySchema.parse({});
    expect(proofOfWorkBitsFor(defaults, 0)).toBe(16);
    expect(proofOfWorkBitsFor(defaults, 4)).toBe(17);
    expect(proofOfWorkBitsFor(defaults, 1000)).toBe(22);
  });

  it('issues harder challenges to a client after failures, and not to anyone else', async () => {
    const s = await serverWith(POLICY);
    expect((await challengeFor(s, '192.0.2.40')).proofOfWork.difficultyBits).toBe(3);
    await failFrom(s, '192.0.2.40', 3);
    expect((await challengeFor(s, '192.0.2.40')).proofOfWork.difficultyBits).toBe(5);
    await failFrom(s, '192.0.2.40', 2);
    expect((await challengeFor(s, '192.0.2.40')).proofOfWork.difficultyBits).toBe(9);
    expect((await challengeFor(s, '198.51.100.40')).proofOfWork.difficultyBits).toBe(3);
  });

  it("checks each answer against its own challenge's difficulty, never the base", async () => {
    const s = await serverWith(POLICY);
    await failFrom(s, '192.0.2.41', 5);
    const hard = await challengeFor(s, '192.0.2.41');
    expect(hard.proofOfWork.difficultyBits).toBe(9);
    const easy = solve(hard.proofOfWork.salt, 3, { exactly: true });
    expect(await s.runtime.captcha.verify({ id: hard.id, proofOfWorkNonce: easy })).toBe('invalid');
    const again = await challengeFor(s, '192.0.2.41');
    const right = solve(again.proofOfWork.salt, again.proofOfWork.difficultyBits);
    expect(await s.runtime.captcha.verify({ id: again.id, proofOfWorkNonce: right })).toBe('ok');
  });

  it('never accepts a solution twice, nor for another challenge', async () => {
    const s = await serverWith(POLICY);
    const first = await challengeFor(s, '192.0.2.42');
    const nonce = solve(first.proofOfWork.salt, first.proofOfWork.difficultyBits);
    // The salt is bound to the challenge id, so the nonce solves another challenge only by chance (1 in 8 at 3 bits):
    // take the first other challenge it does not solve by chance.
    let second = await challengeFor(s, '192.0.2.42');
    while (leadingZeroBits(proofOfWorkDigest(second.proofOfWork.salt, nonce)) >= 3) second = await challengeFor(s, '192.0.2.42');
    expect(await s.runtime.captcha.verify({ id: second.id, proofOfWorkNonce: nonce })).toBe('invalid');
    expect(await s.runtime.captcha.verify({ id: first.id, proofOfWorkNonce: nonce })).toBe('ok');
    expect(await s.runtime.captcha.verify({ id: first.id, proofOfWorkNonce: nonce })).toBe('invalid');
    // Parallel replays of one fresh solution: exactly one passes.
    const third = await challengeFor(s, '192.0.2.42');
    const solved = solve(third.proofOfWork.salt, third.proofOfWork.difficultyBits);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => s.runtime.captcha.verify({ id: third.id, proofOfWorkNonce: solved })),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
  });
});
