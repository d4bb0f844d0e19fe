import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';
import { renderConfiguration } from '../../../src-server/src/cli/config-report';
import { loadConfiguration } from '../../../src-server/src/config/server-config';
import { makeTempDir } from '../support/server-fixtures';

// Issue 15: Redis for the throttles is optional (off by default: npm start needs nothing), set by the configuration
// file or RESETDESK_REDIS_*, its password only by reference.

const load = (env: Record<string, string>) => loadServerConfig({ env, cwd: '/srv/resetdesk' });

describe('redis settings', () => {
  it('is off unless configured', () => {
    expect(load({}).redis).toBeUndefined();
    expect(load({ RESETDESK_REDIS_URL: '' }).redis).toBeUndefined();
  });

  it('comes from RESETDESK_REDIS_URL with the password by file (relative to cwd) or variable, and a prefix', () => {
    const url = 'redis://cache.example:6379';
    expect(load({ RESETDESK_REDIS_URL: url }).redis).toEqual({ url, keyPrefix: 'resetdesk:', commandTimeoutMs: 2000 });
    expect(load({ RESETDESK_REDIS_URL: url, RESETDESK_REDIS_PASSWORD_FILE: 'secrets/redis' }).redis).toMatchObject({
      password: { file: '/srv/resetdesk/secrets/redis' },
    });
    expect(load({ RESETDESK_REDIS_URL: url, RESETDESK_REDIS_PASSWORD: 'x' }).redis).toMatchObject({
      password: { env: 'RESETDESK_REDIS_PASSWORD' },
    });
    expect(load({ RESETDESK_REDIS_URL: url, RESETDESK_REDIS_KEY_PREFIX: 'sspr:' }).redis).toMatchObject({
      keyPrefix: 'sspr:',
    });
  });

  it('refuses a password in the URL without repeating it, a URL that is not Redis, and unknown keys', () => {
    const attempt = () => load({ RESETDESK_REDIS_URL: 'redis://:Tr0ub4dor@cache.example:6379' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/redis\.url: .*no password in the URL/u);
    expect(attempt).not.toThrow(/Tr0ub4dor/u);
    expect(() => load({ RESETDESK_REDIS_URL: 'http://cache.example' })).toThrow(/redis:\/\//u);
    const temp = makeTempDir();
    try {
      const file = join(temp.dir, 'config.json');
      writeFileSync(file, JSON.stringify({ redis: { url: 'redis://cache.example', keyprefix: 'x' } }));
      expect(() => load({ RESETDESK_CONFIG_FILE: file })).toThrow(/redis/u);
    } finally {
      temp.remove();
    }
  });

  it('is read from the configuration file and shown by config check as its own section', () => {
    const temp = makeTempDir();
    try {
      mkdirSync(join(temp.dir, 'secrets'));
      const file = join(temp.dir, 'config.json');
      const redis = { url: 'redis://cache.example:6379', password: { file: 'secrets/redis' }, keyPrefix: 'sspr:' };
      writeFileSync(file, JSON.stringify({ redis }));
      const loaded = loadConfiguration({ env: { RESETDESK_CONFIG_FILE: file }, cwd: temp.dir });
      expect(loaded.config.redis).toMatchObject({ password: { file: join(temp.dir, 'secrets/redis') } });
      const shown = renderConfiguration(loaded);
      expect(shown).toMatch(/^redis:.*\n {2}url: redis:\/\/cache.example:6379/mu);
    } finally {
      temp.remove();
    }
  });
});
