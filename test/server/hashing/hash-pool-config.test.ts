import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfiguration } from '../../../src-server/src/config/server-config';
import {
  DEFAULT_HASH_MAX_WAIT_SECONDS,
  DEFAULT_HASH_QUEUE_LENGTH,
  threadPoolSize,
} from '../../../src-server/src/support/hash-pool';
import { makeTempDir } from '../support/server-fixtures';

// server.hashPool in the configuration file: sane defaults, a key path in every error, never every libuv thread.

const temp = makeTempDir();
afterAll(() => temp.remove());

function load(hashPool: unknown, extraEnv: Record<string, string> = {}) {
  const file = join(temp.dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(hashPool === undefined ? {} : { server: { hashPool } }));
  return loadConfiguration({ env: { RESETDESK_CONFIG_FILE: file, ...extraEnv }, cwd: temp.dir }).config;
}

describe('server.hashPool', () => {
  it('defaults to at least one hash at once, below the libuv pool, and a bounded queue', () => {
    const { hashPool } = load(undefined);
    expect(hashPool.concurrency).toBeGreaterThanOrEqual(1);
    expect(hashPool.concurrency).toBeLessThan(threadPoolSize());
    expect(hashPool.queueLength).toBe(DEFAULT_HASH_QUEUE_LENGTH);
    expect(hashPool.maxWaitSeconds).toBe(DEFAULT_HASH_MAX_WAIT_SECONDS);
  });

  it('takes both settings from the file', () => {
    const settings = { concurrency: 2, queueLength: 5, maxWaitSeconds: 3 };
    expect(load(settings).hashPool).toEqual(settings);
  });

  it('refuses a pool that would take every libuv thread, naming the key and the way out', () => {
    expect(() => load({ concurrency: 4 })).toThrow(ConfigError);
    expect(() => load({ concurrency: 4 })).toThrow(/server\.hashPool\.concurrency.*UV_THREADPOOL_SIZE/su);
    expect(load({ concurrency: 4 }, { UV_THREADPOOL_SIZE: '8' }).hashPool.concurrency).toBe(4);
  });

  it('refuses a misspelt key and a queue that is not a count', () => {
    expect(() => load({ concurency: 2 })).toThrow(/server\.hashPool/u);
    expect(() => load({ queueLength: -1 })).toThrow(/server\.hashPool\.queueLength/u);
  });
});
