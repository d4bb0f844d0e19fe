import { randomUUID } from 'node:crypto';
import type { ThrottleStore, ThrottleWindow } from '../throttle-store';
import type { RedisConnection } from './redis-connection';
import { FORGET, LOCK, PURGE_LOCKS, RECORD, RECORD_IF_ROOM, RELEASE } from './redis-scripts';

// The longest window or lock a policy may set is 30 days (throttle-policy.ts): an event older than this is dead weight.
const KEEP_MS = 31 * 24 * 60 * 60 * 1000;
const UUID_LENGTH = 36;
const SCAN_BATCH = 200;

/**
 * ThrottleStore on Redis, for several server instances that must share one set of limits. Events are sorted sets
 * (score: the event's time), so a sliding window is one range query; locks are strings holding their end; leases are
 * SET NX PX (Redis expires a dead holder's lease). Every write is one command or one Lua script: atomic. Redis keeps
 * the data across a restart of any server instance; keys expire on their own after the longest window.
 * Any failure to reach Redis is THROTTLE_UNAVAILABLE (redis-connection.ts): fail closed, never a step let through.
 */
export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: RedisConnection;
  private readonly prefix: string;

  constructor(deps: { redis: RedisConnection; keyPrefix: string; tenantId: string }) {
    this.redis = deps.redis;
    this.prefix = `${deps.keyPrefix}${deps.tenantId}:`;
  }

  async record(key: string, at: Date): Promise<string> {
    const member = randomUUID();
    const ms = at.getTime();
    await this.redis.eval(RECORD, [this.events(key)], [ms, member, ms - KEEP_MS, KEEP_MS]);
    // The id carries its key, so forget() knows which set to take it out of.
    return `${member}${key}`;
  }

  async recordIfRoom(windows: readonly ThrottleWindow[], since: Date, at: Date): Promise<string[] | null> {
    if (windows.length === 0) return [];
    const ms = at.getTime();
    const member = randomUUID();
    const args = [ms, member, ms - KEEP_MS, KEEP_MS, since.getTime(), ...windows.map((w) => w.max)];
    const reply = await this.redis.eval(RECORD_IF_ROOM, windows.map((w) => this.events(w.key)), args);
    // The same ids as record()'s: the member, then the key it went under.
    return reply === 1 ? windows.map((w) => `${member}${w.key}`) : null;
  }

  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const keys = ids.map((id) => this.events(id.slice(UUID_LENGTH)));
    await this.redis.eval(FORGET, keys, ids.map((id) => id.slice(0, UUID_LENGTH)));
  }

  async eventsSince(key: string, since: Date): Promise<Date[]> {
    const reply = await this.redis.command([
      'ZRANGE', this.events(key), `(${since.getTime()}`, '+inf', 'BYSCORE', 'WITHSCORES',
    ]);
    const flat = Array.isArray(reply) ? (reply as unknown[]) : [];
    const times: Date[] = [];
    for (let i = 1; i < flat.length; i += 2) times.push(new Date(Number(flat[i])));
    return times;
  }

  async lock(key: string, until: Date): Promise<void> {
    // Kept at least until the lock ends by the wall clock, and as long as an event: purge() drops it sooner.
    const ttl = KEEP_MS + Math.max(0, until.getTime() - Date.now());
    await this.redis.eval(LOCK, [this.locks(key)], [until.getTime(), ttl]);
  }

  async lockedUntil(key: string, now: Date): Promise<Date | null> {
    const reply = await this.redis.command(['GET', this.locks(key)]);
    const until = typeof reply === 'string' ? Number(reply) : Number.NaN;
    return Number.isFinite(until) && until > now.getTime() ? new Date(until) : null;
  }

  async clear(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    // One DEL: the events and locks of every key go together.
    await this.redis.command(['DEL', ...keys.flatMap((key) => [this.events(key), this.locks(key)])]);
  }

  async purge(before: Date): Promise<void> {
    const cutoff = before.getTime();
    for await (const batch of this.scan(`${this.prefix}ev:*`)) {
      for (const key of batch) await this.redis.command(['ZREMRANGEBYSCORE', key, '-inf', `(${cutoff}`]);
    }
    for await (const batch of this.scan(`${this.prefix}lk:*`)) {
      if (batch.length > 0) await this.redis.eval(PURGE_LOCKS, batch, [cutoff]);
    }
  }

  async acquireLease(key: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const ms = Math.max(1, until.getTime() - now.getTime());
    const reply = await this.redis.command(['SET', this.leases(key), holder, 'NX', 'PX', String(ms)]);
    return reply === 'OK';
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE, [this.leases(key)], [holder]);
  }

  private async *scan(match: string): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const reply = (await this.redis.command(['SCAN', cursor, 'MATCH', match, 'COUNT', String(SCAN_BATCH)])) as [
        string,
        string[],
      ];
      cursor = reply[0];
      yield reply[1];
    } while (cursor !== '0');
  }

  private events(key: string): string {
    return `${this.prefix}ev:${key}`;
  }

  private locks(key: string): string {
    return `${this.prefix}lk:${key}`;
  }

  private leases(key: string): string {
    return `${this.prefix}ls:${key}`;
  }
}
