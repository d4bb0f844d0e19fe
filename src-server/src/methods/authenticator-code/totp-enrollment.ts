import { randomUUID } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import type { MethodRegistrations } from '../method-registrations';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from './authenticator-code';
import { totpEnrollmentDb } from './totp-enrollment-tables';
import type { TotpEnrollmentDb, TotpEnrollmentRow } from './totp-enrollment-tables';
import { otpauthQrSvg } from './totp-qr';
import { openSecret, sealSecret } from './totp-secret-box';

// Long enough to find the app and scan; a setup left open longer is started again.
const ENROLLMENT_LIFETIME_MS = 10 * 60_000;

export interface TotpEnrollmentDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  registrations: MethodRegistrations;
  totpKey: Buffer;
  policy: Pick<ResetPolicy, 'organizationName' | 'maxCodeAttempts'>;
}

/** What the setup page shows, once: the secret as text and as a QR code of its otpauth URI. */
export interface PendingTotpEnrollment {
  enrollmentId: string;
  // Base32, for typing into an app that cannot scan.
  secret: string;
  otpauthUri: string;
  // SVG markup (totp-qr.ts): inline, or as an <img> data: URL, within the CSP.
  qrSvg: string;
  expiresAt: Date;
}

/**
 * Adding an authenticator app: a new secret waits, encrypted, until a first code from it is typed; only then does it
 * replace the person's registered one. A wrong first code costs one of the policy's attempts; a confirmed setup
 * cannot be confirmed again (one conditional UPDATE), and the code that confirmed it cannot then pass a reset.
 */
export class TotpEnrollment {
  private readonly db: TotpEnrollmentDb;

  constructor(private readonly deps: TotpEnrollmentDeps) {
    this.db = totpEnrollmentDb(deps.db);
  }

  /** Starts a setup for the person; any earlier unconfirmed one of theirs stops working. */
  async start(user: Pick<DirectoryUser, 'id' | 'username'>): Promise<PendingTotpEnrollment> {
    const secret = generateSecret();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + ENROLLMENT_LIFETIME_MS);
    const enrollmentId = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('totp_enrollments')
        .where('tenant_id', '=', this.deps.tenantId)
        .where('user_id', '=', user.id)
        .where('confirmed_at', 'is', null)
        .execute();
      await trx
        .insertInto('totp_enrollments')
        .values({
          id: enrollmentId,
          tenant_id: this.deps.tenantId,
          user_id: user.id,
          sealed_secret: sealSecret(this.deps.totpKey, secret, user.id),
          attempts: 0,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
          confirmed_at: null,
        })
        .execute();
    });
    const otpauthUri = generateURI({ issuer: this.deps.policy.organizationName, label: user.username, secret });
    return { enrollmentId, secret, otpauthUri, qrSvg: await otpauthQrSvg(otpauthUri), expiresAt };
  }

  /**
   * Confirms the setup with a first code from the app: the secret becomes the person's authenticator app.
   * TOTP_ENROLLMENT_CODE_INVALID (details.attemptsLeft) for a wrong code; TOTP_ENROLLMENT_NOT_PENDING when there is
   * no such setup waiting (unknown, another person's, expired, out of attempts, or confirmed already).
   */
  async confirm(user: Pick<DirectoryUser, 'id'>, enrollmentId: string, code: string): Promise<void> {
    const row = await this.pending(user.id, enrollmentId);
    const step = await this.matchingStep(row, user.id, code);
    if (step === null) {
      // The last wrong code says so (0 left); the setup is over after it, and must be started again.
      const attemptsLeft = await this.countWrong(row);
      throw new AppError('TOTP_ENROLLMENT_CODE_INVALID', 'The code does not match the new secret.', { attemptsLeft });
    }
    const now = this.deps.clock.now().toISOString();
    const claimed = await this.db
      .updateTable('totp_enrollments')
      .set({ confirmed_at: now })
      .where('id', '=', row.id)
      .where('confirmed_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', this.deps.policy.maxCodeAttempts)
      .executeTakeFirst();
    // Two confirmations at once: one claims the setup, the other finds it gone.
    if (claimed.numUpdatedRows !== 1n) throw notPending();
    await this.deps.registrations.save(user.id, 'totp', row.sealed_secret);
    const registration = await this.deps.registrations.find(user.id, 'totp');
    if (registration) await this.deps.registrations.useTimeStep(registration.id, step);
  }

  /**
   * An unconfirmed setup as the setup page shows it again (a reload, the other language): the same secret, opened
   * from its sealed copy, with the attempts left; null once it is confirmed or gone.
   */
  async shown(user: Pick<DirectoryUser, 'id' | 'username'>, enrollmentId: string):
    Promise<(PendingTotpEnrollment & { attemptsLeft: number }) | null> {
    const row = await this.db
      .selectFrom('totp_enrollments')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', user.id)
      .where('id', '=', enrollmentId)
      .executeTakeFirst();
    if (!row || row.confirmed_at !== null) return null;
    const secret = openSecret(this.deps.totpKey, row.sealed_secret, user.id);
    const otpauthUri = generateURI({ issuer: this.deps.policy.organizationName, label: user.username, secret });
    return {
      enrollmentId,
      secret,
      otpauthUri,
      qrSvg: await otpauthQrSvg(otpauthUri),
      expiresAt: new Date(row.expires_at),
      attemptsLeft: Math.max(0, this.deps.policy.maxCodeAttempts - row.attempts),
    };
  }

  private async pending(userId: string, enrollmentId: string): Promise<TotpEnrollmentRow> {
    const row = await this.db
      .selectFrom('totp_enrollments')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', enrollmentId)
      .executeTakeFirst();
    const usable = row && row.confirmed_at === null && this.deps.clock.now() < new Date(row.expires_at) &&
      row.attempts < this.deps.policy.maxCodeAttempts;
    if (!usable) throw notPending();
    return row;
  }

  /** The time step of the code when it matches the new secret (one step either side, as at reset), else null. */
  private async matchingStep(row: TotpEnrollmentRow, userId: string, code: string): Promise<number | null> {
    if (!new RegExp(`^[0-9]{${TOTP_DIGITS}}$`, 'u').test(code)) return null;
    const secret = openSecret(this.deps.totpKey, row.sealed_secret, userId);
    const result = await verifyTotp({
      secret,
      token: code,
      epoch: Math.floor(this.deps.clock.now().getTime() / 1000),
      epochTolerance: TOTP_PERIOD_SECONDS,
    });
    if (!result.valid || !('epoch' in result)) return null;
    return Math.floor(result.epoch / TOTP_PERIOD_SECONDS);
  }

  /** Counts a wrong code in one statement and says how many are left. */
  private async countWrong(row: TotpEnrollmentRow): Promise<number> {
    await this.db
      .updateTable('totp_enrollments')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    const after = await this.db.selectFrom('totp_enrollments').select('attempts').where('id', '=', row.id)
      .executeTakeFirst();
    return Math.max(0, this.deps.policy.maxCodeAttempts - (after?.attempts ?? this.deps.policy.maxCodeAttempts));
  }
}

function notPending(): AppError {
  return new AppError('TOTP_ENROLLMENT_NOT_PENDING', 'No authenticator app setup is waiting to be confirmed.');
}
