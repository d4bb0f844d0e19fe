import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';
import { SecretUnreadableError } from '../../../src-server/src/config/secret-ref';
import { openPostgres } from '../../../src-server/src/store/postgres-driver';
import { makeTempDir } from '../support/server-fixtures';

// Issue 15: the store is chosen by configuration; SQLite stays the default, and PostgreSQL's password never sits in
// the URL (which is shown and logged) but in a file or a variable.

const load = (env: Record<string, string>) => loadServerConfig({ env, cwd: '/srv/resetdesk' });

describe('store settings', () => {
  it('is SQLite in the data folder unless RESETDESK_STORE_URL is set', () => {
    expect(load({}).store).toEqual({ kind: 'sqlite' });
    expect(load({ RESETDESK_STORE_URL: '' }).store).toEqual({ kind: 'sqlite' });
  });

  it('names PostgreSQL by URL, with the password from a file (relative to cwd) or a variable', () => {
    const url = 'postgres://resetdesk@db.example:5432/resetdesk';
    expect(load({ RESETDESK_STORE_URL: url }).store).toEqual({ kind: 'postgres', url, poolSize: 10 });
    expect(load({ RESETDESK_STORE_URL: url, RESETDESK_STORE_PASSWORD_FILE: 'secrets/db' }).store).toMatchObject({
      password: { file: '/srv/resetdesk/secrets/db' },
    });
    expect(load({ RESETDESK_STORE_URL: url, RESETDESK_STORE_PASSWORD: 'Tr0ub4dor' }).store).toMatchObject({
      password: { env: 'RESETDESK_STORE_PASSWORD' },
    });
    expect(load({ RESETDESK_STORE_URL: url, RESETDESK_STORE_POOL_SIZE: '25' }).store).toMatchObject({ poolSize: 25 });
    expect(() => load({ RESETDESK_STORE_URL: url, RESETDESK_STORE_POOL_SIZE: 'many' })).toThrow(/poolSize/u);
  });

  it('refuses a password in the URL without repeating it, and a URL that is not PostgreSQL', () => {
    const attempt = () => load({ RESETDESK_STORE_URL: 'postgres://resetdesk:Tr0ub4dor@db.example/resetdesk' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/no password in the URL/u);
    expect(attempt).not.toThrow(/Tr0ub4dor/u);
    expect(() => load({ RESETDESK_STORE_URL: 'mysql://db.example/resetdesk' })).toThrow(/postgres:\/\/ URL/u);
  });

  it('reads the password when the pools open; an unreadable or empty one is named, never shown', () => {
    const temp = makeTempDir();
    try {
      const file = join(temp.dir, 'db-password');
      writeFileSync(file, '\n');
      const base = { kind: 'postgres' as const, url: 'postgres://resetdesk@127.0.0.1:1/resetdesk', poolSize: 2 };
      expect(() => openPostgres({ ...base, password: { file } })).toThrow(/store.password: the secret is empty/u);
      expect(() => openPostgres({ ...base, password: { file: join(temp.dir, 'missing') } })).toThrow(
        SecretUnreadableError,
      );
      expect(() => openPostgres({ ...base, password: { env: 'RESETDESK_STORE_PASSWORD' } }, {})).toThrow(
        /RESETDESK_STORE_PASSWORD is not set/u,
      );
    } finally {
      temp.remove();
    }
  });
});
