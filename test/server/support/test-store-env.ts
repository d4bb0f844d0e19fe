import { startPostgresServer } from './postgres-server';
import type { PostgresServer } from './postgres-server';

let server: Promise<PostgresServer> | undefined;

/**
 * The store of a test server: SQLite in its data folder, or with RESETDESK_TEST_STORE=postgres a new database in one
 * PostgreSQL cluster per test process (stopped when the process exits), so any server test can be run on PostgreSQL:
 * `RESETDESK_TEST_STORE=postgres npx vitest run --project unit test/server/flows/`.
 */
export async function testStoreEnv(): Promise<Record<string, string>> {
  if (process.env['RESETDESK_TEST_STORE'] !== 'postgres') return {};
  server ??= startPostgresServer();
  return { RESETDESK_STORE_URL: await (await server).createDatabase() };
}
