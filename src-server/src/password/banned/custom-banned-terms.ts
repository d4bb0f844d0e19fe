import type { Clock } from '../../support/clock';
import type { ResetDeskDb } from '../../store/store';
import { passwordDb } from '../password-tables';
import type { PasswordDb } from '../password-tables';
import { CUSTOM_TERM_MAX_LENGTH, CUSTOM_TERM_MIN_LENGTH, CUSTOM_TERMS_MAX } from './banned-terms';

export class CustomTermError extends Error {}

/** A custom term as stored: trimmed, lowercase, 4 to 16 characters (code points), no control characters. */
export function parseCustomTerm(raw: string): string {
  const term = raw.trim().normalize('NFC').toLowerCase();
  const length = [...term].length;
  if (length < CUSTOM_TERM_MIN_LENGTH || length > CUSTOM_TERM_MAX_LENGTH) {
    throw new CustomTermError(
      `A banned term has ${CUSTOM_TERM_MIN_LENGTH} to ${CUSTOM_TERM_MAX_LENGTH} characters; "${term}" has ${length}.`,
    );
  }
  if (/\p{Cc}/u.test(term)) throw new CustomTermError('A banned term may not contain control characters.');
  return term;
}

/** The organisation's custom banned-term list (Entra: up to 1,000 terms), in the database. */
export class CustomBannedTerms {
  private readonly db: PasswordDb;

  constructor(
    db: ResetDeskDb,
    private readonly tenantId: string,
    private readonly clock: Clock,
  ) {
    this.db = passwordDb(db);
  }

  async list(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('banned_terms')
      .select('term')
      .where('tenant_id', '=', this.tenantId)
      .orderBy('term')
      .execute();
    return rows.map((r) => r.term);
  }

  /** Adds the terms (one transaction: all or none); returns those that were new. */
  async add(rawTerms: readonly string[], addedBy: string): Promise<string[]> {
    const terms = [...new Set(rawTerms.map(parseCustomTerm))];
    return this.db.transaction().execute(async (trx) => {
      const existing = new Set(
        (await trx.selectFrom('banned_terms').select('term').where('tenant_id', '=', this.tenantId).execute()).map(
          (r) => r.term,
        ),
      );
      const fresh = terms.filter((t) => !existing.has(t));
      if (existing.size + fresh.length > CUSTOM_TERMS_MAX) {
        throw new CustomTermError(
          `The custom list holds at most ${CUSTOM_TERMS_MAX} terms (it has ${existing.size}, ${fresh.length} new).`,
        );
      }
      const now = this.clock.now().toISOString();
      for (const term of fresh) {
        await trx
          .insertInto('banned_terms')
          .values({ tenant_id: this.tenantId, term, added_at: now, added_by: addedBy })
          .execute();
      }
      return fresh;
    });
  }

  /** Removes a term; false when it was not on the list. */
  async remove(raw: string): Promise<boolean> {
    const term = raw.trim().normalize('NFC').toLowerCase();
    const result = await this.db
      .deleteFrom('banned_terms')
      .where('tenant_id', '=', this.tenantId)
      .where('term', '=', term)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
