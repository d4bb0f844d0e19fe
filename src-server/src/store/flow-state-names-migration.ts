import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { rebuildFlowsTable } from './rebuild-flows-table';

/**
 * The state of a flow waiting for the answer to a challenge is `verify` (it was `enter_code`, though it holds questions,
 * calls and approvals too); every waiting flow is carried over in the new name.
 */
export const flowStateNamesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await rebuildFlowsTable(
      db,
      ['choose_method', 'verify', 'new_password', 'change_password', 'completed', 'cancelled'],
      sql`CASE state WHEN 'enter_code' THEN 'verify' ELSE state END`,
    );
  },
};
