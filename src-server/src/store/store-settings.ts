import { resolve } from 'node:path';
import { z } from 'zod';
import { SecretRefSchema } from '../config/secret-ref';

/**
 * Where the server keeps its rows: SQLite in the data folder (the default of `npm start`: nothing to set up), or a
 * PostgreSQL database that several server instances share. The password is never part of the URL: a URL is printed
 * (`migrate`), logged by proxies and pasted into tickets, so it comes from a file or an environment variable.
 */
export const PostgresSettingsSchema = z
  .object({
    kind: z.literal('postgres'),
    url: z
      .string()
      .max(2048)
      .refine((url) => /^postgres(ql)?:\/\//u.test(url), 'a postgres:// URL')
      .refine((url) => !hasPassword(url), 'no password in the URL: use a password file or variable'),
    password: SecretRefSchema.optional(),
    // Connections for queries; the per-flow locks get a pool of the same size (postgres-driver.ts says why), which also
    // bounds how many requests of different flows one instance runs at once.
    poolSize: z.number().int().min(2).max(200).default(10),
  })
  .strict();

export const StoreSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite') }).strict(),
  PostgresSettingsSchema,
]);
export type StoreSettings = z.output<typeof StoreSettingsSchema>;
export type PostgresSettings = z.output<typeof PostgresSettingsSchema>;

export const SQLITE_STORE: StoreSettings = { kind: 'sqlite' };

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** The URL as it may be shown: user, host, port and database (the password is refused above; this drops the query). */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

interface StoreEnv {
  RESETDESK_STORE_URL?: string | undefined;
  RESETDESK_STORE_PASSWORD_FILE?: string | undefined;
  RESETDESK_STORE_PASSWORD?: string | undefined;
  RESETDESK_STORE_POOL_SIZE?: string | undefined;
}

/**
 * The store from the environment: RESETDESK_STORE_URL names a PostgreSQL database; its password comes from the file
 * RESETDESK_STORE_PASSWORD_FILE or the variable RESETDESK_STORE_PASSWORD (or pg's own PGPASSWORD, ~/.pgpass);
 * RESETDESK_STORE_POOL_SIZE sizes each of the two pools (10).
 * Unset: SQLite. Returned unchecked; the server configuration's schema validates it with everything else.
 */
export function storeSettingsFromEnv(env: StoreEnv, cwd: string): unknown {
  const url = env.RESETDESK_STORE_URL;
  if (url === undefined || url === '') return SQLITE_STORE;
  const file = env.RESETDESK_STORE_PASSWORD_FILE;
  const password = file
    ? { file: resolve(cwd, file) }
    : env.RESETDESK_STORE_PASSWORD === undefined
      ? undefined
      : { env: 'RESETDESK_STORE_PASSWORD' };
  const poolSize = env.RESETDESK_STORE_POOL_SIZE;
  return {
    kind: 'postgres',
    url,
    ...(password ? { password } : {}),
    ...(poolSize === undefined ? {} : { poolSize: /^\d+$/u.test(poolSize) ? Number(poolSize) : Number.NaN }),
  };
}
