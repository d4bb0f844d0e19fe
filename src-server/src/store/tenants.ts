import type { Clock } from '../support/clock';
import type { ResetDeskDb } from './store';

/** The server serves one tenant for now; every row still carries its id so more can follow without a migration. */
export const DEFAULT_TENANT_ID = 'default';

/** Creates the tenant row if missing and keeps its display name in step with the configuration. */
export async function ensureTenant(db: ResetDeskDb, clock: Clock, id: string, name: string): Promise<void> {
  await db
    .insertInto('tenants')
    .values({ id, name, created_at: clock.now().toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name }))
    .execute();
}
