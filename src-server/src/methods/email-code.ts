import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { MethodOption } from '@resetdesk/shared';
import type { Delivery } from '../delivery/delivery';
import type { DirectoryUser } from '../directory/directory';
import type { ResetPolicy } from '../policy/reset-policy';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import { maskEmail } from './masked-email';
import { codeHmac, generateNumericCode, hmacEquals } from './one-time-code';
import type { ChallengeCheck, ChallengeStatus, SendChallengeInput, VerificationMethod } from './verification-method';

export const EMAIL_METHOD_ID = 'email';

export interface EmailCodeMethodDeps {
  db: ResetDeskDb;
  delivery: Delivery;
  clock: Clock;
  policy: Pick<
    ResetPolicy,
    'codeLength' | 'codeLifetimeMinutes' | 'maxCodeAttempts' | 'organizationName' | 'emailDomain'
  >;
  codeHmacKey: Buffer;
  decoyKey: Buffer;
}

// Used for a decoy when neither the typed name nor the policy says which mail domain to show.
const FALLBACK_DECOY_DOMAIN = 'example.com';

/** A one-time code sent by email: 6 digits, 10 minutes, 5 tries, one use. */
export class EmailCodeMethod implements VerificationMethod {
  readonly kind = 'email' as const;
  private readonly deps: EmailCodeMethodDeps;

  constructor(deps: EmailCodeMethodDeps) {
    this.deps = deps;
  }

  optionFor(user: DirectoryUser): MethodOption | null {
    if (!user.email) return null;
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(user.email) };
  }

  decoyOptionFor(normalizedName: string): MethodOption {
    const digest = createHmac('sha256', this.deps.decoyKey).update(`decoy-email|${normalizedName}`).digest();
    const afterBackslash = normalizedName.slice(normalizedName.lastIndexOf('\\') + 1);
    const at = afterBackslash.lastIndexOf('@');
    const local = at > 0 ? afterBackslash.slice(0, at) : afterBackslash;
    const typedDomain = at > 0 ? afterBackslash.slice(at + 1) : '';
    // Show the initial a real account with this name would most likely have; only names without one get an
    // HMAC-chosen letter, which stays the same on every visit so repeating the request reveals nothing.
    const initial = /^[\p{L}\p{N}]/u.exec(local)?.[0] ?? String.fromCharCode(97 + ((digest[0] ?? 0) % 26));
    const domain = /^[a-z0-9.-]+\.[a-z]{2,}$/u.test(typedDomain)
      ? typedDomain
      : (this.deps.policy.emailDomain ?? FALLBACK_DECOY_DOMAIN);
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(`${initial}@${domain}`) };
  }

  async challengesSent(flowId: string, methodId: string): Promise<number> {
    const row = await this.deps.db
      .selectFrom('verification_codes')
      .select((eb) => eb.fn.countAll<number>().as('sent'))
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .executeTakeFirst();
    return Number(row?.sent ?? 0);
  }

  async isLocked(flowId: string, methodId: string): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('verification_codes')
      .select('id')
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .whereRef('attempts', '>=', 'max_attempts')
      .executeTakeFirst();
    return row !== undefined;
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const now = this.deps.clock.now();
    const lifetimeEnd = addMinutes(now, this.deps.policy.codeLifetimeMinutes);
    const expiresAt = lifetimeEnd < input.notAfter ? lifetimeEnd : input.notAfter;
    const code = generateNumericCode(this.deps.policy.codeLength);
    // A decoy stores the HMAC of random bytes: no code of any length can ever match it.
    const storedHmac =
      input.recipient === null
        ? codeHmac(this.deps.codeHmacKey, input.flowId, randomBytes(32).toString('hex'))
        : codeHmac(this.deps.codeHmacKey, input.flowId, code);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('verification_codes')
        .set({ invalidated_at: now.toISOString() })
        .where('flow_id', '=', input.flowId)
        .where('method_id', '=', input.option.id)
        .where('consumed_at', 'is', null)
        .where('invalidated_at', 'is', null)
        .execute();
      await trx
        .insertInto('verification_codes')
        .values({
          flow_id: input.flowId,
          method_id: input.option.id,
          code_hmac: storedHmac,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
          max_attempts: this.deps.policy.maxCodeAttempts,
        })
        .execute();
    });
    if (input.recipient?.email) {
      await this.deps.delivery.send({
        channel: 'email',
        to: input.recipient.email,
        subject: `${this.deps.policy.organizationName} password reset code`,
        body: [
          `Hello ${input.recipient.displayName},`,
          '',
          `Your verification code is ${code}.`,
          `It expires in ${this.deps.policy.codeLifetimeMinutes} minutes and works once.`,
          "If you did not ask to reset your password, ignore this message: your password stays as it is.",
        ].join('\n'),
      });
    }
  }

  async status(flowId: string, methodId: string): Promise<ChallengeStatus | null> {
    const row = await this.latestChallenge(flowId, methodId);
    if (!row) return null;
    return { expiresAt: new Date(row.expires_at), attemptsLeft: Math.max(0, row.max_attempts - row.attempts) };
  }

  async verify(flowId: string, methodId: string, answer: string): Promise<ChallengeCheck> {
    const row = await this.latestChallenge(flowId, methodId);
    if (!row) return { result: 'expired' };
    if (row.attempts >= row.max_attempts) return { result: 'attempts_exceeded' };
    const now = this.deps.clock.now();
    // An expired code does not cost an attempt: the user did nothing wrong.
    if (now >= new Date(row.expires_at)) return { result: 'expired' };
    if (hmacEquals(row.code_hmac, codeHmac(this.deps.codeHmacKey, flowId, answer))) {
      await this.deps.db
        .updateTable('verification_codes')
        .set({ consumed_at: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      return { result: 'ok' };
    }
    await this.deps.db
      .updateTable('verification_codes')
      .set({ attempts: sql<number>`attempts + 1` })
      .where('id', '=', row.id)
      .execute();
    const attemptsLeft = Math.max(0, row.max_attempts - row.attempts - 1);
    return attemptsLeft === 0 ? { result: 'attempts_exceeded' } : { result: 'invalid', attemptsLeft };
  }

  /** The newest code that is neither used nor replaced. */
  private latestChallenge(flowId: string, methodId: string) {
    return this.deps.db
      .selectFrom('verification_codes')
      .selectAll()
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .where('consumed_at', 'is', null)
      .where('invalidated_at', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }
}
