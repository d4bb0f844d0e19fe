import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyMismatchError } from '../../../src-server/src/secrets/key-fingerprints';
import { startPostgresServer } from '../support/postgres-server';
import type { PostgresServer } from '../support/postgres-server';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import { makeTempDir } from '../support/server-fixtures';
import { startInstance } from './instances';
import type { Instance, SharedSetup } from './instances';

// Issue 15: the keys are configuration, shared like the database. An instance that made keys of its own (its keys
// folder was not copied) would fail every code and device signature the others made: it is refused at start.

let postgres: PostgresServer;
let redis: RedisServer;
let temp: ReturnType<typeof makeTempDir>;
let setup: SharedSetup;
const started: Instance[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
  temp = makeTempDir('resetdesk-keys-');
  setup = { storeUrl: await postgres.createDatabase(), redisUrl: redis.url, root: temp.dir };
}, 120_000);

afterAll(async () => {
  await Promise.all(started.map((instance) => instance.close()));
  redis?.remove();
  postgres?.stop();
  temp?.remove();
});

describe('instances with other keys', () => {
  it('refuses to start an instance whose keys differ from the shared ones, naming the folder, never a key', async () => {
    started.push(await startInstance(setup, 'first'));
    const otherKeys = join(temp.dir, 'other-keys');
    const refused = await startInstance({ ...setup, keysDir: otherKeys }, 'second').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeyMismatchError);
    expect((refused as Error).message).toContain(otherKeys);
    expect((refused as Error).message).toMatch(/codeHmacKey, decoyKey, deviceKey/u);
    // With the shared keys folder it starts.
    started.push(await startInstance(setup, 'third'));
  }, 60_000);
});
