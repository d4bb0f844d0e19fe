import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { dialectSql } from './dialect';
import { rebuildFlowsTable } from './rebuild-flows-table';

// The first migrations, from before each feature kept its own beside it (see migrations.ts for the order).
// Migrations receive an untyped Kysely: they describe the schema as it was at that point in history.
type AnyDb = Kysely<unknown>;

export const initialSchema: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('password_hash', 'text')
      .addColumn('account_enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('enabled_for_reset', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('managed_externally', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_at', 'text')
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('password_changed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('users_tenant_username_unique', ['tenant_id', 'username'])
      .execute();
    await db.schema.createIndex('users_tenant_email').on('users').columns(['tenant_id', 'email']).execute();

    await db.schema
      .createTable('groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('groups_tenant_name_unique', ['tenant_id', 'name'])
      .execute();

    await db.schema
      .createTable('group_members')
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('flows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reset')`))
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('choose_method', 'enter_code', 'new_password', 'completed', 'cancelled')`),
      )
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('decoy', 'integer', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('passed_method_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('method_id', 'text')
      .addColumn('client_ip', 'text')
      .addColumn('locale', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema.createIndex('flows_expires_at').on('flows').column('expires_at').execute();

    await db.schema
      .createTable('verification_codes')
      .$call(dialectSql(db).autoId)
      .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
      .addColumn('method_id', 'text', (c) => c.notNull())
      .addColumn('code_hmac', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('consumed_at', 'text')
      .addColumn('invalidated_at', 'text')
      .execute();
    await db.schema
      .createIndex('verification_codes_flow_method')
      .on('verification_codes')
      .columns(['flow_id', 'method_id'])
      .execute();

    await db.schema
      .createTable('outbox')
      .$call(dialectSql(db).autoId)
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email')`))
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    // No foreign keys: the audit trail must outlive the users and flows it talks about.
    await db.schema
      .createTable('audit_log')
      .$call(dialectSql(db).autoId)
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('flow_id', 'text')
      .addColumn('user_id', 'text')
      .addColumn('username', 'text')
      .addColumn('ip', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_log_username').on('audit_log').columns(['tenant_id', 'username']).execute();
    // Append-only is enforced by the database itself, so no code path (or a slip in one) can rewrite history.
    for (const statement of dialectSql(db).appendOnly('audit_log')) await statement.execute(db);
  },
};

/** Unlock and change-password flows: widen the flows table's kind and state checks. */
export const unlockAndChangeFlows: Migration = {
  async up(db: AnyDb) {
    const states = ['choose_method', 'enter_code', 'new_password', 'change_password', 'completed', 'cancelled'];
    await rebuildFlowsTable(db, states);
  },
};

/**
 * The verification methods beyond email: SMS, voice, push messages in the outbox; what each challenge needs to
 * remember (the questions asked, a call or an approval); the methods users registered; the pending calls and
 * approvals; and per-user method lockouts (the reset path is locked for a while, never the account).
 */
export const verificationMethods: Migration = {
  async up(db: AnyDb) {
    // SQLite cannot change a CHECK constraint in place: rebuild the outbox with the new channels.
    await db.schema.alterTable('outbox').renameTo('outbox_v1').execute();
    await db.schema
      .createTable('outbox')
      .$call(dialectSql(db).autoId)
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms', 'voice', 'push')`))
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO outbox (id, tenant_id, channel, to_address, subject, body, created_at)
      SELECT id, tenant_id, channel, to_address, subject, body, created_at FROM outbox_v1`.execute(db);
    await db.schema.dropTable('outbox_v1').execute();

    await db.schema.alterTable('verification_codes').addColumn('challenge_data', 'text').execute();

    await db.schema
      .createTable('method_registrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('questions', 'totp', 'approval')`))
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('lookup_hash', 'text')
      .addColumn('last_used_step', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('method_registrations_user_kind', ['user_id', 'kind'])
      .execute();
    await db.schema
      .createIndex('method_registrations_lookup')
      .on('method_registrations')
      .column('lookup_hash')
      .execute();

    await db.schema
      .createTable('pending_approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
      .addColumn('method_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voice', 'approval')`))
      .addColumn('user_id', 'text')
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('number', 'integer')
      .addColumn('numbers', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'approved', 'denied', 'consumed', 'replaced')`),
      )
      .addColumn('from_ip', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema.createIndex('pending_approvals_flow').on('pending_approvals').column('flow_id').execute();
    await db.schema.createIndex('pending_approvals_secret').on('pending_approvals').column('secret_hash').execute();

    await db.schema
      .createTable('method_lockouts')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('method_kind', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('method_lockouts_pk', ['user_id', 'method_kind'])
      .execute();
  },
};

/**
 * Abuse protection and the editable policy: throttle counters and locks, the throttle subject of each flow (decoys
 * included, so locks cannot tell real names from unknown ones), policy overrides set with the CLI, and CAPTCHA
 * challenges. Runs after 0002 rebuilt the flows table, so the flow reference points at the new table.
 */
export const resetProtection: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('throttle_events')
      .$call(dialectSql(db).autoId)
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('throttle_events_key_at').on('throttle_events').columns(['tenant_id', 'key', 'at']).execute();
    await db.schema
      .createTable('throttle_locks')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('throttle_locks_pk', ['tenant_id', 'key'])
      .execute();
    await db.schema
      .createTable('flow_throttle_subjects')
      .addColumn('flow_id', 'text', (c) => c.primaryKey().references('flows.id').onDelete('cascade'))
      .addColumn('account_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('policy_overrides')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_overrides_pk', ['tenant_id', 'key'])
      .execute();
    await db.schema
      .createTable('captcha_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('answer_hmac', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
};
