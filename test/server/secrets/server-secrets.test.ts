import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateServerSecrets, SECRETS_FILE_NAME } from '../../../src-server/src/secrets/server-secrets';
import { makeTempDir } from '../support/server-fixtures';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

describe('server secrets', () => {
  it('creates random 32-byte keys once, in an owner-only file, and reads the same keys afterwards', () => {
    const dataDir = join(temp.dir, 'data');
    const first = loadOrCreateServerSecrets(dataDir);
    const file = join(dataDir, SECRETS_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.codeHmacKey).toHaveLength(32);
    expect(first.decoyKey).toHaveLength(32);
    expect(first.codeHmacKey.equals(first.decoyKey)).toBe(false);
    const second = loadOrCreateServerSecrets(dataDir);
    expect(second.codeHmacKey.equals(first.codeHmacKey)).toBe(true);
    expect(second.decoyKey.equals(first.decoyKey)).toBe(true);
    const other = loadOrCreateServerSecrets(join(temp.dir, 'other'));
    expect(other.codeHmacKey.equals(first.codeHmacKey)).toBe(false);
  });

  it('cannot be printed or serialised by accident', () => {
    const secrets = loadOrCreateServerSecrets(temp.dir);
    const key = secrets.codeHmacKey.toString('base64');
    expect(JSON.stringify({ secrets })).toBe('{"secrets":"[ServerSecrets]"}');
    expect(inspect(secrets)).toBe('[ServerSecrets]');
    expect(`${JSON.stringify(secrets)}${inspect({ secrets })}`).not.toContain(key);
  });

  it('refuses a damaged file without quoting its content', () => {
    const file = join(temp.dir, SECRETS_FILE_NAME);
    writeFileSync(file, '{"version":1,"codeHmacKey":"c2VjcmV0LXZhbHVl","decoyKey":"x"}', { mode: 0o600 });
    expect(() => loadOrCreateServerSecrets(temp.dir)).toThrow(/not valid/u);
    try {
      loadOrCreateServerSecrets(temp.dir);
    } catch (error) {
      expect(String(error)).not.toContain('c2VjcmV0LXZhbHVl');
    }
    expect(readFileSync(file, 'utf8')).toContain('c2VjcmV0LXZhbHVl');
  });
});
