import type { ResetDeskDb } from '../store/store';
import { dialectSql } from '../store/dialect';

// Anyone may ask for a challenge without credentials. 10,000 unexpired ones is far more than people solving CAPTCHAs
// within one lifetime (5 minutes) on any real tenant; a flood beyond it evicts the oldest instead of growing the
// table. The price: under such a flood a person's challenge may be evicted, and they get a new picture.
export const MAX_OUTSTANDING_CHALLENGES = 10_000;

/** Deletes used and expired challenges, then the oldest beyond `max - 1`, so that one more can be inserted. */
export async function purgeAndCapChallenges(db: ResetDeskDb, tenantId: string, now: Date, max: number): Promise<void> {
  await db
    .deleteFrom('captcha_challenges')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('used_at', 'is not', null)]))
    .execute();
  const row = await db
    .selectFrom('captcha_challenges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const excess = Number(row?.n ?? 0) - (max - 1);
  if (excess <= 0) return;
  await db
    .deleteFrom('captcha_challenges')
    .where('id', 'in', (eb) =>
      eb.selectFrom('captcha_challenges').select('id').where('tenant_id', '=', tenantId).orderBy('created_at').orderBy(dialectSql(db).insertionOrder).limit(excess),
    )
    .execute();
}
