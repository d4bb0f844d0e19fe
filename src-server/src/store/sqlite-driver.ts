import { createRequire } from 'node:module';
import type { SqliteDatabase } from 'kysely';

/**
 * The slice of better-sqlite3 the server uses. better-sqlite3 ships no type declarations and @types/better-sqlite3 is
 * not installed, so the module is loaded through createRequire and typed here once (Kysely's SqliteDatabase plus the
 * two calls Kysely does not need).
 */
export interface SqliteConnection extends SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(source: string): unknown;
}

type SqliteConstructor = new (filename: string, options?: { timeout?: number }) => SqliteConnection;

const requireFromHere = createRequire(import.meta.url);

/** Opens (or creates) a SQLite file with the settings every ResetDesk database uses. */
export function openSqliteFile(filename: string): SqliteConnection {
  const BetterSqlite = requireFromHere('better-sqlite3') as SqliteConstructor;
  const connection = new BetterSqlite(filename, { timeout: 5000 });
  // WAL lets the CLI (audit, users import) read and write while the server runs.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}
