import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { dialectOf } from './dialect';

// Tables whose user_id is the directory's stable id (an LDAP entryUUID, an AD objectGUID, or a built-in user's id).
const TABLES = ['flows', 'method_registrations', 'method_lockouts'] as const;
// The clause as Kysely and rebuild-flows-table.ts wrote it.
const USERS_REFERENCE = /\s+references\s+"?users"?\s*\(\s*"?id"?\s*\)(\s+on\s+delete\s+cascade)?/giu;

/**
 * Flows, registered security info and method locks belong to a user of whichever directory is configured, not only
 * to rows of the built-in directory's `users` table: with LDAP or Active Directory that table is empty and every
 * insert failed its foreign key. The reference is dropped by rebuilding each table from its own CREATE statement
 * (SQLite cannot drop a constraint), data and indexes kept. Foreign keys are off meanwhile, so that dropping `flows`
 * does not cascade into the codes and bindings of flows in progress; the pragma takes effect because SQLite
 * migrations run outside a transaction. Built-in users are never deleted, so nothing relied on the cascade.
 * PostgreSQL drops the constraints by name instead.
 */
export const directoryUserIdsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    if (dialectOf(db) === 'postgres') {
      for (const table of TABLES) await dropPostgresUsersReference(db, table);
      return;
    }
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      for (const table of TABLES) await dropUsersReference(db, table);
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  },
};

async function dropUsersReference(db: Kysely<unknown>, table: (typeof TABLES)[number]): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string | null }>`
    SELECT type, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL`.execute(db);
  const create = rows.find((row) => row.type === 'table')?.sql;
  if (!create) throw new Error(`no table ${table}`);
  const renamed = create.replace(/^CREATE TABLE\s+("?)\w+\1/iu, `CREATE TABLE "${table}_new"`);
  await sql.raw(renamed.replace(USERS_REFERENCE, '')).execute(db);
  await sql.raw(`INSERT INTO "${table}_new" SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${table}_new" RENAME TO "${table}"`).execute(db);
  for (const index of rows.filter((row) => row.type === 'index')) await sql.raw(index.sql ?? '').execute(db);
}

async function dropPostgresUsersReference(db: Kysely<unknown>, table: (typeof TABLES)[number]): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint
    WHERE contype = 'f' AND conrelid = ${table}::regclass AND confrelid = 'users'::regclass`.execute(db);
  for (const { name } of rows) await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(name)}`.execute(db);
}
