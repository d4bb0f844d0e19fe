import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { readSecret } from '../config/secret-ref';
import type { PostgresSettings } from './store-settings';

// Type ids (pg_type.oid) of the values pg hands over as strings by default: bigint (count(*), identity ids) and numeric.
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Counts and ids arrive as numbers, as SQLite gives them; a bigint beyond 2^53 would lose digits, so it is refused. */
function toNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
    throw new RangeError('A number from PostgreSQL does not fit a JavaScript number');
  }
  return value;
}

// Per pool, not pg.types.setTypeParser: a global change would reach every other pg user in the process.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return toNumber;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

export interface PostgresConnection {
  db: Kysely<unknown>;
  // A second, small pool for the per-flow advisory locks (advisory-lock.ts).
  lockDb: Kysely<unknown>;
  close(): Promise<void>;
}

/**
 * Opens the two pools. The lock pool is separate because a request holds its lock connection while its queries run:
 * with one pool, as many parallel requests as connections would hold them all and wait forever for one more.
 * A pool's 'error' (an idle connection dropped by the server) is handled, or it would end the process; the next query
 * gets a fresh connection or fails with its own error.
 */
export function openPostgres(settings: PostgresSettings, env = process.env): PostgresConnection {
  const password = settings.password ? readSecret(settings.password, 'store.password', env) : undefined;
  const pool = (max: number) => {
    const created = new pg.Pool({
      connectionString: settings.url,
      ...(password === undefined ? {} : { password }),
      max,
      types,
      application_name: 'resetdesk-server',
    });
    created.on('error', () => undefined);
    return created;
  };
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: pool(settings.poolSize) }) });
  const lockDb = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: pool(settings.poolSize) }) });
  return {
    db,
    lockDb,
    async close() {
      await Promise.all([db.destroy(), lockDb.destroy()]);
    },
  };
}
