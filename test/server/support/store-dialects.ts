import { afterAll, afterEach } from 'vitest';
import type { StoreDialect } from '../../../src-server/src/store/dialect';
import { openStore } from '../../../src-server/src/store/store';
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
}

/**
 * Registers the hooks of a test file that opens stores: the file's PostgreSQL cluster starts at its first use (a file
 * that only runs SQLite never starts one) and stops after the file; stores and folders go after each test.
 */
export function useTestStores(): TestStores {
  let server: Promise<PostgresServer> | undefined;
  const stores: Store[] = [];
  const temps: ReturnType<typeof makeTempDir>[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const temp of temps.splice(0)) temp.remove();
  });
  afterAll(async () => {
    if (server) (await server).stop();
  });
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
  return {
    settings,
    dataDir,
    async open(dialect) {
      const store = await openStore(dataDir(), await settings(dialect));
      stores.push(store);
      return store;
    },
  };
}
