import { sql } from 'kysely';
import type { ResetDeskDb } from './store';

/** /readyz's question to the store: one trivial query, so a closed pool, a lost connection or a locked file shows. */
export async function storeAnswers(db: ResetDeskDb): Promise<void> {
  await sql`select 1`.execute(db);
}
