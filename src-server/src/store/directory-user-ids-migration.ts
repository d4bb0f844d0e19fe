import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

// The tables that key rows by the directory's stable user id. Their `user_id` referenced the built-in directory's
// users table, which an LDAP or Active Directory user (entryUUID, objectGUID) is never in.
const TABLES = ['flows', 'method_registrations', 'method_lockouts'] as const;
const USER_REFERENCE = /\s+references\s+"?users"?\s*\(\s*"?id"?\s*\)\s+on\s+delete\s+cascade/giu;

interface SchemaRow {
  sql: string | null;
}

/**
 * Drops the foreign key from `user_id` to the built-in users in each table, by SQLite's own recipe for a change
 * ALTER TABLE cannot make: create the new table from the old one's definition, copy, drop, rename, index again.
 * Foreign keys are off meanwhile so that dropping a table does not cascade into the rows that reference it.
 */
export const directoryUserIdsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      for (const table of TABLES) {
        const definition = await sql<SchemaRow>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`
          .execute(db);
        const create = definition.rows[0]?.sql;
        if (!create) throw new Error(`The ${table} table is missing`);
        const indexes = await sql<SchemaRow>`SELECT sql FROM sqlite_master
          WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(db);
        const renamed = create
          .replace(USER_REFERENCE, '')
          .replace(/^CREATE TABLE\s+("?)[\w]+\1/iu, `CREATE TABLE "${table}_new"`);
        await sql.raw(renamed).execute(db);
        await sql.raw(`INSERT INTO "${table}_new" SELECT * FROM "${table}"`).execute(db);
        await sql.raw(`DROP TABLE "${table}"`).execute(db);
        await sql.raw(`ALTER TABLE "${table}_new" RENAME TO "${table}"`).execute(db);
        for (const index of indexes.rows) if (index.sql) await sql.raw(index.sql).execute(db);
      }
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  },
};
