import { z } from 'zod';
import type { DirectoryUser } from '../directory/directory';
import type { ResetPolicy } from '../policy/reset-policy';
import type { ResetDeskDb } from '../store/store';
import { publicApprovalLabel } from './authenticator-approval/approval-label';
import { totpEnrollmentDb } from './authenticator-code/totp-enrollment-tables';
import { directoryContact } from './directory-contact';
import { maskEmail } from './masked-email';
import { maskPhone } from './masked-phone';
import { wasntMeDb } from '../wasnt-me/wasnt-me-tables';
import { passkeyDb } from './passkey/passkey-tables';
import { registrationDb } from './registration-tables';
import { tapDb } from './temporary-access-pass/tap-tables';
import type { Clock } from '../support/clock';

/** One of a person's methods as the helpdesk sees it: what it is, where it comes from, and its detail masked. */
export interface MaskedMethod {
  kind: 'email' | 'phone' | 'questions' | 'totp' | 'approval' | 'passkey' | 'tap';
  // The directory's mail and mobile are not ResetDesk's to clear; the rest was registered here, except a Temporary
  // Access Pass in force, which the helpdesk issued (listed so the helpdesk sees every way in; `tap revoke` ends it).
  source: 'directory' | 'registered' | 'helpdesk';
  masked: string;
  registeredAt: string | null;
}

export interface SecurityInfoDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  policy: Pick<ResetPolicy, 'directoryContactMethods'>;
}

const QuestionsDataSchema = z.object({ questions: z.array(z.unknown()) });
const ApprovalDataSchema = z.object({ label: z.string() });

/**
 * A person's security info for the helpdesk (`users methods U`): listed masked, and cleared (`users methods reset
 * U`) so they must register again. Keyed by the directory's stable id. A Temporary Access Pass is the helpdesk's,
 * not the person's: the list shows the ones in force, `tap list` all of them, and a reset leaves them.
 */
export class SecurityInfo {
  constructor(private readonly deps: SecurityInfoDeps) {}

  async list(user: DirectoryUser): Promise<MaskedMethod[]> {
    const methods: MaskedMethod[] = [];
    const email = directoryContact(user, this.deps.policy, 'email');
    if (email) methods.push({ kind: 'email', source: 'directory', masked: maskEmail(email), registeredAt: null });
    const phone = directoryContact(user, this.deps.policy, 'phone');
    if (phone) methods.push({ kind: 'phone', source: 'directory', masked: maskPhone(phone), registeredAt: null });
    const emails = await wasntMeDb(this.deps.db)
      .selectFrom('registered_emails')
      .select(['address', 'created_at'])
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    for (const row of emails) {
      const masked = maskEmail(row.address);
      methods.push({ kind: 'email', source: 'registered', masked, registeredAt: row.created_at });
    }
    const rows = await this.deps.db
      .selectFrom('method_registrations')
      .select(['kind', 'data', 'created_at'])
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', user.id)
      .orderBy('kind')
      .execute();
    for (const row of rows) methods.push({ kind: row.kind, source: 'registered', masked: maskedRegistration(row, user),
      registeredAt: row.created_at });
    return [...methods, ...(await this.phonesPasskeysAndPasses(user))];
  }

  /** The registered phones, the passkeys and the passes in force: masked, in that order. */
  private async phonesPasskeysAndPasses(user: DirectoryUser): Promise<MaskedMethod[]> {
    const { db, tenantId } = this.deps;
    const methods: MaskedMethod[] = [];
    const phones = await registrationDb(db)
      .selectFrom('registered_phones')
      .select(['e164', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    for (const row of phones) {
      methods.push({ kind: 'phone', source: 'registered', masked: maskPhone(row.e164), registeredAt: row.created_at });
    }
    const passkeys = await passkeyDb(db)
      .selectFrom('passkey_credentials')
      .select(['created_at'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    // A credential id says nothing to the helpdesk and is the person's: "passkey" and when it was made is enough.
    for (const row of passkeys) {
      methods.push({ kind: 'passkey', source: 'registered', masked: 'passkey', registeredAt: row.created_at });
    }
    const now = this.deps.clock.now().toISOString();
    const passes = await tapDb(db)
      .selectFrom('temporary_access_passes')
      .select(['created_at', 'expires_at', 'one_time'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb.or([eb('one_time', '=', 0), eb('use_count', '=', 0)]))
      .orderBy('created_at')
      .execute();
    for (const row of passes) {
      const masked = `${row.one_time === 1 ? 'one-time pass' : 'pass'} until ${row.expires_at}`;
      methods.push({ kind: 'tap', source: 'helpdesk', masked, registeredAt: row.created_at });
    }
    return methods;
  }

  /**
   * Clears everything the person registered here (emails, phones, questions, authenticator app, approval, passkeys;
   * any setup in progress; the default and the last confirmation); returns how many methods. Passes stay (`tap`).
   */
  async reset(user: Pick<DirectoryUser, 'id'>): Promise<number> {
    const { tenantId } = this.deps;
    return this.deps.db.transaction().execute(async (trx) => {
      const registrations = await trx
        .deleteFrom('method_registrations')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      const emails = await wasntMeDb(trx)
        .deleteFrom('registered_emails')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      await totpEnrollmentDb(trx)
        .deleteFrom('totp_enrollments')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .execute();
      const phones = await registrationDb(trx)
        .deleteFrom('registered_phones')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      const passkeys = await passkeyDb(trx)
        .deleteFrom('passkey_credentials')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      await passkeyDb(trx)
        .deleteFrom('passkey_pending_registrations')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .execute();
      // The default and the last confirmation go too: nothing is left to be the default, and the person registers anew.
      await registrationDb(trx)
        .deleteFrom('security_info_profiles')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.id)
        .execute();
      return [registrations, emails, phones, passkeys].reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
    });
  }
}

function maskedRegistration(row: { kind: MaskedMethod['kind']; data: string }, user: DirectoryUser): string {
  switch (row.kind) {
    case 'questions': {
      const parsed = QuestionsDataSchema.safeParse(JSON.parse(row.data));
      return `${parsed.success ? parsed.data.questions.length : '?'} questions`;
    }
    case 'approval': {
      const parsed = ApprovalDataSchema.safeParse(JSON.parse(row.data));
      return parsed.success ? publicApprovalLabel(parsed.data.label, user) : 'device';
    }
    default:
      return 'authenticator app';
  }
}
