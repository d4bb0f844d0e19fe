import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { KeyedLock } from '../support/keyed-mutex';
import { AdvisoryLock } from './advisory-lock';
import { SqliteFlowLock } from './sqlite-flow-lock';
import type { DatabaseSchema } from './database-schema';
import type { StoreDialect } from './dialect';
import { migrateToLatest } from './migrations';
import { withPostgresMigrationLock, withSqliteMigrationLock } from './migration-lock';
import { openPostgres } from './postgres-driver';
import { openSqliteFile, withStatementCache } from './sqlite-driver';
import { ensurePrivateDir } from './private-dir';
import { describePostgresUrl, SQLITE_STORE } from './store-settings';
import type { PostgresSettings, StoreSettings } from './store-settings';

export type ResetDeskDb = Kysely<DatabaseSchema>;

export interface Store {
  db: ResetDeskDb;
  dialect: StoreDialect;
  // Where the rows are, as it may be shown: the SQLite file, or the PostgreSQL URL (which never holds the password).
  location: string;
  // One flow's requests run one at a time under this lock, for every process on the store: a lease row on SQLite
  // (several processes may open one file), an advisory lock on PostgreSQL.
  flowLock: KeyedLock;
  // Migrations this open applied (empty when the schema was already current).
  migrationsApplied: string[];
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'resetdesk.sqlite';

interface Opened {
  db: ResetDeskDb;
  location: string;
  flowLock: KeyedLock;
  destroy(): Promise<void>;
}

/**
 * Opens the store the settings name (SQLite in the data directory unless told otherwise) and runs every pending
 * migration. The data directory is created owner-only either way: it holds the server's keys too.
 */
export async function openStore(dataDir: string, settings: StoreSettings = SQLITE_STORE): Promise<Store> {
  ensurePrivateDir(dataDir, 'data folder');
  const opened = settings.kind === 'postgres' ? openPostgresStore(settings) : openSqliteStore(dataDir);
  let migrationsApplied: string[];
  try {
    // Other processes may open the same store at this moment (instances, a CLI command): one migrates at a time.
    const migrate = () => migrateToLatest(opened.db);
    migrationsApplied = await (settings.kind === 'postgres'
      ? withPostgresMigrationLock(opened.db as Kysely<unknown>, migrate)
      : withSqliteMigrationLock(opened.location, migrate));
  } catch (error) {
    await opened.destroy();
    throw error;
  }
  let closed = false;
  return {
    db: opened.db,
    dialect: settings.kind,
    location: opened.location,
    flowLock: opened.flowLock,
    migrationsApplied,
    async close() {
      if (closed) return;
      closed = true;
      await opened.destroy();
    },
  };
}

function openSqliteStore(dataDir: string): Opened {
  const file = join(dataDir, DATABASE_FILE_NAME);
  // The file holds password hashes: create it owner-only (SQLite gives its -wal and -shm files the same mode).
  closeSync(openSync(file, 'a', 0o600));
  const database = withStatementCache(openSqliteFile(file));
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database }) });
  // Kysely's destroy closes the better-sqlite3 connection too.
  return { db, location: file, flowLock: new SqliteFlowLock(db), destroy: () => db.destroy() };
}

function openPostgresStore(settings: PostgresSettings): Opened {
  const connection = openPostgres(settings);
  return {
    db: connection.db as ResetDeskDb,
    location: describePostgresUrl(settings.url),
    flowLock: new AdvisoryLock(connection.lockDb, 'resetdesk:flow'),
    destroy: () => connection.close(),
  };
}
