import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-server/src/errors/app-error';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { RedisConnection } from '../../../src-server/src/throttle/redis/redis-connection';
import { RedisSettingsSchema } from '../../../src-server/src/throttle/redis/redis-settings';
import { RedisThrottleStore } from '../../../src-server/src/throttle/redis/redis-throttle-store';
import { ResetThrottle } from '../../../src-server/src/throttle/reset-throttle';
import { SqliteThrottleStore } from '../../../src-server/src/throttle/sqlite-throttle-store';
import { ThrottlePolicySchema } from '../../../src-server/src/throttle/throttle-policy';
import type { ThrottleStore } from '../../../src-server/src/throttle/throttle-store';
import { VerdictThrottle } from '../../../src-server/src/throttle/verdict-throttle';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import { ManualClock } from '../support/server-fixtures';
import { useTestStores } from '../support/store-dialects';
import { THROTTLE_BACKINGS } from '../support/throttle-backings';
import type { ThrottleBacking } from '../support/throttle-backings';

// Issue 15: the count-and-record windows (method tries, emails, help requests, a flow's password verdicts) hold
// across instances. Each backing is opened twice on one database / one Redis, as two server instances (on SQLite: two
// connections to one file, as two processes), and a third time afterwards, as an instance after a restart.

const stores = useTestStores();
const opened: Store[] = [];
const connections: RedisConnection[] = [];
let redis: Promise<RedisServer> | undefined;

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  for (const connection of connections.splice(0)) connection.close();
});
afterAll(async () => {
  if (redis) (await redis).remove();
});

/** A way to open one more instance's store on the same backing. */
async function backingOf(backing: ThrottleBacking): Promise<() => Promise<ThrottleStore>> {
  if (backing === 'redis') {
    const server = await (redis ??= startRedisServer());
    const keyPrefix = `a${randomUUID().slice(0, 8)}:`;
    return async () => {
      const connection = new RedisConnection(RedisSettingsSchema.parse({ url: server.url }));
      connections.push(connection);
      await connection.open();
      return new RedisThrottleStore({ redis: connection, keyPrefix, tenantId: 'default' });
    };
  }
  const dir = stores.dataDir();
  const settings = await stores.settings(backing);
  return async () => {
    const store = await openStore(dir, settings);
    opened.push(store);
    return new SqliteThrottleStore({ db: store.db, tenantId: 'default' });
  };
}

const clock = new ManualClock();
const policy = ThrottlePolicySchema.parse({ methodTries: { max: 4, windowMinutes: 60 }, emails: { max: 3, windowMinutes: 10 } });
const throttleOn = (store: ThrottleStore) => new ResetThrottle({ store, policy, clock, nameKey: Buffer.alloc(32, 7) });
const verdictsOn = (store: ThrottleStore) => new VerdictThrottle({ store, clock, max: 5, windowMs: 60_000 });

describe.each(THROTTLE_BACKINGS)('count-and-record on %s', (backing) => {
  it('lets exactly max of many parallel records on two instances in, and a restart keeps the count', async () => {
    const open = await backingOf(backing);
    const [one, two] = [await open(), await open()];
    const since = new Date(clock.now().getTime() - 60_000);
    const windows = [{ key: 'k|source', max: 7 }, { key: 'k|shared', max: 70 }];
    const taken = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).recordIfRoom(windows, since, clock.now())),
    );
    expect(taken.filter((ids) => ids !== null)).toHaveLength(7);
    // A refusal records nothing: the wider window has exactly as many events as the narrow one let in.
    expect(await one.eventsSince('k|shared', since)).toHaveLength(7);
    const restarted = await open();
    expect(await restarted.recordIfRoom(windows, since, clock.now())).toBeNull();
    // A later window no longer sees them; what it records can be forgotten by the ids it answered.
    const ids = await restarted.recordIfRoom(windows, clock.now(), clock.now());
    expect(ids).toHaveLength(2);
    await two.forget(ids ?? []);
    expect(await one.eventsSince('k|shared', since)).toHaveLength(7);
  });

  it("reserves parallel checks of many accounts from one address on two instances up to the address's limit", async () => {
    const open = await backingOf(backing);
    const strict = ThrottlePolicySchema.parse({ identityFailures: { max: 2, windowMinutes: 60, lockMinutes: 60 } });
    const throttles = [await open(), await open()].map(
      (store) => new ResetThrottle({ store, policy: strict, clock, nameKey: Buffer.alloc(32, 7) }),
    );
    // The address's limit is sharedFactor (10) times the account's 2: 20 of 30 accounts' checks are reserved.
    const reserved = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const throttle = throttles[i % 2] as ResetThrottle;
        return throttle.reserveCheck(throttle.scopes(`user:u${i}`, { ip: '192.0.2.9' }), 'identity');
      }),
    );
    expect(reserved.filter((r) => 'reservation' in r)).toHaveLength(20);
    expect(reserved.filter((r) => 'refusal' in r)).toEqual(
      Array.from({ length: 10 }, () => ({ refusal: { rule: 'path', scope: 'ip', retryAfterSeconds: 3600 } })),
    );
  });

  it('counts method tries and emails exactly under parallel sends on two instances', async () => {
    const open = await backingOf(backing);
    const throttles = [throttleOn(await open()), throttleOn(await open())];
    const scopes = throttles[0]?.scopes('user:adele', { ip: '192.0.2.7' });
    if (!scopes) throw new Error('no scopes');
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) => throttles[i % 2]?.tryMethod(scopes, 'sms')),
    );
    expect(tries.filter((refusal) => refusal === null)).toHaveLength(4);
    expect(tries.filter((refusal) => refusal !== null)).toEqual(
      Array.from({ length: 8 }, () => expect.objectContaining({ rule: 'sends', scope: 'source' })),
    );
    const emails = await Promise.all(
      Array.from({ length: 12 }, (_, i) => throttles[i % 2]?.trySendEmail(scopes)),
    );
    expect(emails.filter((refusal) => refusal === null)).toHaveLength(3);
    const wait = emails.find((refusal) => refusal !== null);
    expect(wait).toEqual({ rule: 'emails', scope: 'source', retryAfterSeconds: 600 });
    // A restarted instance still refuses.
    expect(await throttleOn(await open()).trySendEmail(scopes)).toMatchObject({ rule: 'emails' });
  });

  it("counts a flow's password verdicts exactly across two instances and a restart", async () => {
    const open = await backingOf(backing);
    const verdicts = [verdictsOn(await open()), verdictsOn(await open())];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => verdicts[i % 2]?.take('flow-1')));
    expect(answers.filter((wait) => wait === null)).toHaveLength(5);
    expect(answers.filter((wait) => wait === 60)).toHaveLength(15);
    expect(await verdictsOn(await open()).take('flow-1')).toBe(60);
    // Another flow has its own count; the first one's minute ends.
    expect(await verdicts[0]?.take('flow-2')).toBeNull();
    clock.advanceMinutes(1);
    expect(await verdicts[1]?.take('flow-1')).toBeNull();
  });
});

describe('count-and-record while Redis is down', () => {
  it('fails closed with THROTTLE_UNAVAILABLE for sends and verdicts', async () => {
    const connection = new RedisConnection(RedisSettingsSchema.parse({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200 }));
    connections.push(connection);
    await connection.open();
    const store = new RedisThrottleStore({ redis: connection, keyPrefix: 'down:', tenantId: 'default' });
    const throttle = throttleOn(store);
    const scopes = throttle.scopes('user:adele', { ip: '192.0.2.7' });
    for (const attempt of [throttle.tryMethod(scopes, 'sms'), throttle.trySendEmail(scopes), verdictsOn(store).take('f')]) {
      const error: unknown = await attempt.then(() => null, (cause: unknown) => cause);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('THROTTLE_UNAVAILABLE');
    }
  });
});
