import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The slice of better-sqlite3 the server uses. better-sqlite3 ships no type declarations and @types/better-sqlite3 is
 * not installed, so the module is loaded through createRequire and typed here once (Kysely's SqliteDatabase plus the
 * two calls Kysely does not need).
 */
export interface SqliteConnection extends SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(source: string): unknown;
}

// Kysely prepares every query anew; the server runs the same few hundred statements all day. Enough for all of them,
// bounded for SQL that varies (IN lists of different lengths).
const STATEMENT_CACHE_SIZE = 500;

/**
 * `connection` with its prepare() remembering statements by their SQL (least recently used dropped first): preparing
 * was about as costly as running, measured in the set-password step (bench/directories.ts under --cpu-prof).
 * A statement that is still being iterated (a streamed query) is busy: that caller gets a fresh one.
 */
export function withStatementCache(connection: SqliteConnection): SqliteDatabase {
  const cache = new Map<string, SqliteStatement & { busy?: boolean }>();
  const prepare = connection.prepare.bind(connection);
  return {
    close: () => {
      cache.clear();
      // Everything in the WAL into the database file, and the WAL emptied: a closed store is one self-contained file
      // (a backup or a copy of it misses nothing).
      connection.pragma('wal_checkpoint(TRUNCATE)');
      connection.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = prepare(sql);
      if (cached) return statement;
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
      return statement;
    },
  };
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

/**
 * Opens a SQLite file that holds no rows, only a lock (migration-lock.ts): no pragmas (each would need the lock that
 * another process may hold) and no busy wait, so a caller that finds it taken hears so at once and polls.
 */
export function openSqliteLockFile(filename: string): SqliteConnection {
  const BetterSqlite = requireFromHere('better-sqlite3') as SqliteConstructor;
  return new BetterSqlite(filename, { timeout: 0 });
}
