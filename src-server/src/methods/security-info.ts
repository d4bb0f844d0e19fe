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
import type { Clock } from '../support/clock';

/** One of a person's methods as the helpdesk sees it: what it is, where it comes from, and its detail masked. */
export interface MaskedMethod {
  kind: 'email' | 'phone' | 'questions' | 'totp' | 'approval';
  // The directory's mail and mobile are not ResetDesk's to clear; the rest was registered here.
  source: 'directory' | 'registered';
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
 * not the person's: `tap list` shows passes, and a reset leaves them.
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
    return methods;
  }

  /** Clears everything the person registered here (and any authenticator setup in progress); returns how many. */
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
      return Number(registrations.numDeletedRows) + Number(emails.numDeletedRows);
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
