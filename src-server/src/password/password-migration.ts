import type { Kysely, Migration } from 'kysely';
import { dialectSql } from '../store/dialect';

/**
 * The organisation's custom banned terms, and the built-in directory's password history (scrypt hashes of
 * earlier passwords, as the directory stores the current one).
 */
export const passwordProtectionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('banned_terms')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text')
      .addPrimaryKeyConstraint('banned_terms_pk', ['tenant_id', 'term'])
      .execute();
    await db.schema
      .createTable('password_history')
      .$call(dialectSql(db).autoId)
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('replaced_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('password_history_user')
      .on('password_history')
      .columns(['tenant_id', 'user_id', 'id'])
      .execute();
  },
};
