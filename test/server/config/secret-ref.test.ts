import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSecret, SecretRefSchema, SecretUnreadableError } from '../../../src-server/src/config/secret-ref';
import { makeTempDir } from '../support/server-fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('secret settings', () => {
  it('are a file or an environment variable name, never the value', () => {
    expect(SecretRefSchema.safeParse({ file: '/run/secrets/bind' }).success).toBe(true);
    expect(SecretRefSchema.safeParse({ env: 'LDAP_BIND_PASSWORD' }).success).toBe(true);
    expect(SecretRefSchema.safeParse('hunter2').success).toBe(false);
    expect(SecretRefSchema.safeParse({ value: 'hunter2' }).success).toBe(false);
    expect(SecretRefSchema.safeParse({ env: 'not a name' }).success).toBe(false);
  });

  it('read a file without its final newline, or the named variable', () => {
    const file = join(temp.dir, 'bind-password');
    writeFileSync(file, 'S3cret value\n');
    expect(readSecret({ file }, 'directory.connection.bindPassword')).toBe('S3cret value');
    expect(readSecret({ env: 'BIND' }, 'x', { BIND: 'from env' })).toBe('from env');
  });

  it('name the setting when the secret is missing or empty, and never print a value', () => {
    expect(() => readSecret({ env: 'MISSING' }, 'smtp.auth.password', {})).toThrow(/smtp\.auth\.password.*MISSING/u);
    expect(() => readSecret({ file: join(temp.dir, 'nope') }, 'bind', {})).toThrow(SecretUnreadableError);
    const empty = join(temp.dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => readSecret({ file: empty }, 'bind')).toThrow(/empty/u);
  });
});
