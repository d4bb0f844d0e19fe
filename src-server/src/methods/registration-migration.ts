import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { dialectOf } from '../store/dialect';
import { rebuildFlowsTable } from '../store/rebuild-flows-table';

const FLOW_STATES = [
  'choose_method', 'verify', 'new_password', 'change_password', 'sign_in', 'manage', 'register_confirm', 'completed',
  'cancelled',
];
const NOTICE_KINDS = sql.raw(`'passwordReset', 'passwordChanged', 'accountUnlocked', 'securityInfoChanged'`);

/**
 * Issue 14, security info: register flows (their kind and three states), the phones people registered (E.164, one
 * row per phone whether it proves by text or call), each person's default method and when they last confirmed their
 * security info, and a notice kind for changes of it.
 */
export const registrationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await rebuildFlowsTable(db, FLOW_STATES, sql`state`, {
      kinds: ['reset', 'unlock', 'change', 'register'],
      referencesUsers: false,
    });
    await db.schema
      .createTable('registered_phones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('e164', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('registered_phones_user_number', ['tenant_id', 'user_id', 'e164'])
      .execute();
    await db.schema
      .createTable('security_info_profiles')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      // A security-info item id (security-info-items.ts); null: the policy's order decides.
      .addColumn('default_method_id', 'text')
      // The last time the person saved or confirmed their security info (reconfirmation counts from it).
      .addColumn('confirmed_at', 'text')
      .addPrimaryKeyConstraint('security_info_profiles_pk', ['tenant_id', 'user_id'])
      .execute();
    await widenNoticeKinds(db);
  },
};

/** notice_links.kind takes 'securityInfoChanged' too: PostgreSQL swaps the check, SQLite rebuilds the small table. */
async function widenNoticeKinds(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`ALTER TABLE notice_links DROP CONSTRAINT notice_links_kind_check,
      ADD CONSTRAINT notice_links_kind_check CHECK (kind in (${NOTICE_KINDS}))`.execute(db);
    return;
  }
  await sql`CREATE TABLE notice_links_new (
    token_hash text PRIMARY KEY,
    tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    notice_id text NOT NULL,
    flow_id text,
    user_id text NOT NULL,
    username text NOT NULL,
    kind text NOT NULL CHECK (kind in (${NOTICE_KINDS})),
    locale text,
    created_at text NOT NULL,
    expires_at text NOT NULL,
    used_at text
  )`.execute(db);
  await sql`INSERT INTO notice_links_new SELECT token_hash, tenant_id, notice_id, flow_id, user_id, username, kind,
    locale, created_at, expires_at, used_at FROM notice_links`.execute(db);
  await sql`DROP TABLE notice_links`.execute(db);
  await sql`ALTER TABLE notice_links_new RENAME TO notice_links`.execute(db);
  await db.schema.createIndex('notice_links_notice').on('notice_links').column('notice_id').execute();
  await db.schema.createIndex('notice_links_expires_at').on('notice_links').column('expires_at').execute();
}
