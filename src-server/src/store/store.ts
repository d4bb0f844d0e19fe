import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { DatabaseSchema } from './database-schema';
import { migrateToLatest } from './migrations';
import { openSqliteFile, withStatementCache } from './sqlite-driver';
import { ensurePrivateDir } from './private-dir';

export type ResetDeskDb = Kysely<DatabaseSchema>;

export interface Store {
  db: ResetDeskDb;
  file: string;
  // Migrations this open applied (empty when the schema was already current).
  migrationsApplied: string[];
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'resetdesk.sqlite';

/** Creates the data directory (owner-only), opens the database in it and runs every pending migration. */
export async function openStore(dataDir: string): Promise<Store> {
  ensurePrivateDir(dataDir, 'data folder');
  const file = join(dataDir, DATABASE_FILE_NAME);
  // The file holds password hashes: create it owner-only (SQLite gives its -wal and -shm files the same mode).
  closeSync(openSync(file, 'a', 0o600));
  const connection = openSqliteFile(file);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  let migrationsApplied: string[];
  try {
    migrationsApplied = await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closed = false;
  return {
    db,
    file,
    migrationsApplied,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy closes the better-sqlite3 connection too.
      await db.destroy();
    },
  };
}
