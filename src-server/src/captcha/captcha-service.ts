import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { CaptchaChallenge, CaptchaSolution } from '@resetdesk/shared';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import type { CaptchaPolicy } from './captcha-policy';
import { proofOfWorkBitsFor } from './captcha-policy';
import { drawCaptcha, randomCaptchaText } from './captcha-image';
import { MAX_OUTSTANDING_CHALLENGES, purgeAndCapChallenges } from './captcha-retention';
import type { RandomInt } from './captcha-image';

export interface CaptchaServiceDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  policy: CaptchaPolicy;
  key: Buffer;
  random?: RandomInt;
  // Recent failed identity checks of the client asking (device or IP): the proof of work gets harder with them.
  failuresOf?: (client: CaptchaClient) => Promise<number>;
  // At most this many challenges are kept (anyone may ask for one); the oldest give way. Lower only in tests.
  maxOutstanding?: number;
}

/** Who asks for a challenge: the same facts the throttles count by. */
export interface CaptchaClient {
  ip: string | null;
  deviceId?: string | null;
}

export type CaptchaCheck = 'ok' | 'invalid';

/** Leading zero bits of a SHA-256 digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function proofOfWorkDigest(salt: string, nonce: string): Buffer {
  return createHash('sha256').update(`${salt}:${nonce}`).digest();
}

/**
 * Server-made CAPTCHAs: single use, expiring, stored only as an HMAC of the answer. Each challenge can be passed by
 * reading the picture or, without sight, by a proof of work the device computes (no external service either way).
 */
export class CaptchaService {
  private readonly deps: CaptchaServiceDeps;
  private readonly random: RandomInt;

  constructor(deps: CaptchaServiceDeps) {
    this.deps = deps;
    this.random = deps.random ?? ((max) => randomInt(max));
  }

  async issue(client?: CaptchaClient): Promise<CaptchaChallenge> {
    return (await this.issueWithAnswer(client)).challenge;
  }

  /** The challenge and its text; only tests and `issue` see the text. */
  async issueWithAnswer(client?: CaptchaClient): Promise<{ challenge: CaptchaChallenge; text: string }> {
    const failures = client && this.deps.failuresOf ? await this.deps.failuresOf(client) : 0;
    const difficultyBits = proofOfWorkBitsFor(this.deps.policy, failures);
    const now = this.deps.clock.now();
    const id = randomBytes(18).toString('base64url');
    const text = randomCaptchaText(this.random, this.deps.policy.length);
    const expiresAt = addMinutes(now, this.deps.policy.lifetimeMinutes);
    await purgeAndCapChallenges(this.deps.db, this.deps.tenantId, now, this.deps.maxOutstanding ?? MAX_OUTSTANDING_CHALLENGES);
    await this.deps.db
      .insertInto('captcha_challenges')
      .values({
        id,
        tenant_id: this.deps.tenantId,
        kind: 'image',
        answer_hmac: this.answerHmac(id, text),
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        used_at: null,
        pow_bits: difficultyBits,
      })
      .execute();
    return {
      text,
      challenge: {
        id,
        image: drawCaptcha(text, this.random),
        proofOfWork: { salt: this.salt(id), difficultyBits },
        expiresAt: expiresAt.toISOString(),
      },
    };
  }

  /** Checks one answer. The challenge is used up whatever the outcome, so it cannot be guessed at twice. */
  async verify(solution: CaptchaSolution): Promise<CaptchaCheck> {
    const now = this.deps.clock.now().toISOString();
    const claimed = await this.deps.db
      .updateTable('captcha_challenges')
      .set({ used_at: now })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', solution.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['answer_hmac', 'pow_bits'])
      .executeTakeFirst();
    if (!claimed) return 'invalid';
    if (solution.proofOfWorkNonce !== undefined) {
      const digest = proofOfWorkDigest(this.salt(solution.id), solution.proofOfWorkNonce);
      // The difficulty this challenge was issued with, never a lower one the client might prefer.
      const required = claimed.pow_bits ?? this.deps.policy.proofOfWorkBits;
      return leadingZeroBits(digest) >= required ? 'ok' : 'invalid';
    }
    const typed = (solution.text ?? '').replace(/\s+/gu, '').toUpperCase();
    const expected = Buffer.from(claimed.answer_hmac, 'hex');
    const actual = Buffer.from(this.answerHmac(solution.id, typed), 'hex');
    return timingSafeEqual(expected, actual) ? 'ok' : 'invalid';
  }

  private answerHmac(id: string, text: string): string {
    return createHmac('sha256', this.deps.key).update(`captcha|${id}|${text}`).digest('hex');
  }

  /** Derived from the id, so the salt needs no storage and cannot be chosen by the client. */
  private salt(id: string): string {
    return createHmac('sha256', this.deps.key).update(`captcha-pow|${id}`).digest('base64url').slice(0, 22);
  }
}
