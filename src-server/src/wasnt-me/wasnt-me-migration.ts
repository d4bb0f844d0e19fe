import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Issue 12, "This wasn't me": the notice links (only an HMAC of each token is kept), the holds a confirmed link puts
 * on an account's self-service, and the email addresses people registered as an email method beside the directory's
 * (every notice goes to each of them). One migration, because the three arrived together.
 */
export const wasntMeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notice_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      // One notice, sent to several addresses, has a link per address; confirming one uses them all.
      .addColumn('notice_id', 'text', (c) => c.notNull())
      .addColumn('flow_id', 'text')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('passwordReset', 'passwordChanged', 'accountUnlocked')`),
      )
      .addColumn('locale', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('notice_links_notice').on('notice_links').column('notice_id').execute();
    await db.schema.createIndex('notice_links_expires_at').on('notice_links').column('expires_at').execute();

    await db.schema
      .createTable('account_holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('placed_at', 'text', (c) => c.notNull())
      .addColumn('released_at', 'text')
      .addColumn('released_by', 'text')
      .execute();
    // At most one hold in force per account: a second confirm finds it there.
    await sql`CREATE UNIQUE INDEX account_holds_active ON account_holds (tenant_id, user_id)
      WHERE released_at IS NULL`.execute(db);

    await db.schema
      .createTable('registered_emails')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('registered_emails_user_address', ['tenant_id', 'user_id', 'address'])
      .execute();
  },
};
