import { randomUUID } from 'node:crypto';
import type { Clock } from '../../support/clock';
import type { ResetDeskDb } from '../../store/store';

/** Group names of one user in the built-in directory, sorted. */
export async function listGroupsOf(db: ResetDeskDb, tenantId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('groups.name')
    .where('groups.tenant_id', '=', tenantId)
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.name')
    .execute();
  return rows.map((row) => row.name);
}

/** Creates the groups that are missing and adds the user to each (idempotent: existing memberships stay). */
export async function addUserToGroups(
  deps: { db: ResetDeskDb; tenantId: string; clock: Clock },
  userId: string,
  groupNames: readonly string[],
): Promise<void> {
  for (const name of groupNames) {
    await deps.db
      .insertInto('groups')
      .values({ id: randomUUID(), tenant_id: deps.tenantId, name, created_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
      .execute();
    const group = await deps.db
      .selectFrom('groups')
      .select('id')
      .where('tenant_id', '=', deps.tenantId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    await deps.db
      .insertInto('group_members')
      .values({ group_id: group.id, user_id: userId })
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
      .execute();
  }
}
