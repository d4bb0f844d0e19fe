import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Migration } from 'kysely';
import { afterAll, afterEach, expect } from 'vitest';
import type { StoreDialect } from '../../../src-server/src/store/dialect';
import { openPostgres } from '../../../src-server/src/store/postgres-driver';
import { openSqliteFile } from '../../../src-server/src/store/sqlite-driver';
import { DATABASE_FILE_NAME, openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import type { StoreSettings } from '../../../src-server/src/store/store-settings';
import { startPostgresServer } from './postgres-server';
import type { PostgresServer } from './postgres-server';
import { makeTempDir } from './server-fixtures';

/** Every dialect the store speaks: store tests run once per entry (describe.each). */
export const STORE_DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export interface TestStores {
  /** Settings for a new, empty store of the dialect (PostgreSQL: a new database in this file's cluster). */
  settings(dialect: StoreDialect): Promise<StoreSettings>;
  /** Opens (and migrates) a new, empty store; closed and removed after the test. */
  open(dialect: StoreDialect): Promise<Store>;
  /** A data folder removed after the test. */
  dataDir(): string;
  /**
   * A new store brought only as far as `migrations` (a database as an older release left it), untyped for the rows
   * of that time; reopen() closes it and opens it as the server does, running every later migration.
   */
  migratedOnly(dialect: StoreDialect, migrations: Record<string, Migration>): Promise<OldStore>;
}

export interface OldStore {
  db: Kysely<unknown>;
  reopen(): Promise<Store>;
}

/**
 * Registers the hooks of a test file that opens stores: the file's PostgreSQL cluster starts at its first use (a file
 * that only runs SQLite never starts one) and stops after the file; stores and folders go after each test.
 */
export function useTestStores(): TestStores {
  let server: Promise<PostgresServer> | undefined;
  const stores: Store[] = [];
  const temps: ReturnType<typeof makeTempDir>[] = [];
  // Generous hook times: closing pools and stopping the cluster wait for processes, slow on a busy machine.
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const temp of temps.splice(0)) temp.remove();
  }, 60_000);
  afterAll(async () => {
    if (server) (await server).stop();
  }, 60_000);
  const dataDir = () => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };
  const settings = async (dialect: StoreDialect): Promise<StoreSettings> => {
    if (dialect === 'sqlite') return { kind: 'sqlite' };
    server ??= startPostgresServer();
    return { kind: 'postgres', url: await (await server).createDatabase(), poolSize: 10 };
  };
  const open = async (dir: string, settings: StoreSettings) => {
    const store = await openStore(dir, settings);
    stores.push(store);
    return store;
  };
  return {
    settings,
    dataDir,
    async migratedOnly(dialect, migrations) {
      const dir = dataDir();
      const target = await settings(dialect);
      const old =
        target.kind === 'postgres'
          ? openPostgres(target)
          : (() => {
              const db = new Kysely<unknown>({
                dialect: new SqliteDialect({ database: openSqliteFile(join(dir, DATABASE_FILE_NAME)) }),
              });
              return { db, close: () => db.destroy() };
            })();
      const migrator = new Migrator({ db: old.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      return { db: old.db, reopen: async () => (await old.close(), open(dir, target)) };
    },
    open: async (dialect) => open(dataDir(), await settings(dialect)),
  };
}
