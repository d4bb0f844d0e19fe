import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { openSqliteLockFile } from './sqlite-driver';

// How long a process waits for another one's migrations (a large table rebuilt on an old release's database).
const WAIT_MS = 10 * 60_000;
const POLL_MS = 50;

/**
 * Runs `migrate` while no other process migrates the same SQLite file. SQLite migrations are not transactional in
 * Kysely (and its migration lock is a no-op there), so two processes starting on a fresh file both ran 0001 and one
 * failed ("table already exists"). The lock is an exclusive transaction on a small file of its own beside the
 * database: SQLite's own file locks, so it is released when the holder commits, or by the system when the holder
 * dies; never a lock file that a killed process would leave behind. Polled, never a blocking wait, so this process's
 * event loop (and another store it is opening) keeps running.
 */
export async function withSqliteMigrationLock<T>(databaseFile: string, migrate: () => Promise<T>): Promise<T> {
  const file = `${databaseFile}.migration-lock`;
  // Owner-only, like the database beside it.
  closeSync(openSync(file, 'a', 0o600));
  const lock = openSqliteLockFile(file);
  try {
    const giveUpAt = Date.now() + WAIT_MS;
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) throw error;
        await sleep(POLL_MS);
      }
    }
    try {
      return await migrate();
    } finally {
      lock.exec('COMMIT');
    }
  } finally {
    lock.close();
  }
}

/**
 * Runs `migrate` while no other instance migrates the same PostgreSQL database: a session advisory lock held on one
 * connection of the pool for the whole run (the migrations use the others). Kysely takes its own lock inside, but only
 * after it has created its tables; this one covers all of it, and the database releases it if the holder dies.
 */
export async function withPostgresMigrationLock<T>(db: Kysely<unknown>, migrate: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const key = sql`hashtextextended('resetdesk:migrate', 0)`;
    await sql`SELECT pg_advisory_lock(${key})`.execute(connection);
    try {
      return await migrate();
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}
