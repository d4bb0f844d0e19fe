import { createHmac } from 'node:crypto';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import type { ThrottlePolicy } from './throttle-policy';
import type { ThrottleStore } from './throttle-store';

/**
 * Who a request is about and where it comes from. `account` is always set (a decoy has one too); device and IP are
 * null when unknown. The device scope keys on a device id once devices are enrolled; until then only IP exists.
 */
export interface ThrottleScopes {
  account: string;
  device: string | null;
  ip: string | null;
}

/** Facts about the caller the throttle can key on. */
export interface ClientFacts {
  ip: string | null;
  deviceId?: string | null;
}

/** A refused request: which rule and when it may be tried again. */
export interface ThrottleRefusal {
  rule: 'path' | 'method' | 'emails' | 'resets';
  scope: keyof ThrottleScopes;
  retryAfterSeconds: number;
}

type ScopeEntry = [scope: keyof ThrottleScopes, value: string, factor: number];

/**
 * The reset path's rate limits and lockouts (Entra's numbers by default, see ThrottlePolicySchema). Only the reset
 * path is ever locked: nothing here touches the account in the directory, so the person can still sign in.
 */
export class ResetThrottle {
  private readonly store: ThrottleStore;
  private readonly policy: ThrottlePolicy;
  private readonly clock: Clock;
  private readonly nameKey: Buffer;

  constructor(deps: { store: ThrottleStore; policy: ThrottlePolicy; clock: Clock; nameKey: Buffer }) {
    this.store = deps.store;
    this.policy = deps.policy;
    this.clock = deps.clock;
    this.nameKey = deps.nameKey;
  }

  /** The account key of a directory user. */
  static userKey(userId: string): string {
    return `user:${userId}`;
  }

  /**
   * The account key of a name that matched no user: a keyed hash, so the typed text is not stored, yet an unknown
   * name is locked exactly like a real one would be (otherwise a lock would tell which names exist).
   */
  unknownNameKey(normalizedName: string): string {
    return `name:${createHmac('sha256', this.nameKey).update(`throttle|${normalizedName}`).digest('base64url')}`;
  }

  scopes(account: string, client: ClientFacts): ThrottleScopes {
    return {
      account,
      device: client.deviceId ? `device:${client.deviceId}` : null,
      ip: client.ip ? `ip:${client.ip}` : null,
    };
  }

  /** Refuses when the reset path is locked for the account, the device or the IP address. */
  async checkPath(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    return this.checkLocks('path', 'path', scopes);
  }

  /**
   * Failed identity checks from this device or IP address within the failure window (the larger of the two): what
   * decides whether the username step needs a CAPTCHA. The account is not looked at, so the answer is the same for
   * every name.
   */
  async recentClientFailures(scopes: Pick<ThrottleScopes, 'device' | 'ip'>): Promise<number> {
    const since = addMinutes(this.now(), -this.policy.identityFailures.windowMinutes);
    let most = 0;
    for (const value of [scopes.device, scopes.ip]) {
      if (value) most = Math.max(most, (await this.store.eventsSince(`fail|${value}`, since)).length);
    }
    return most;
  }

  /** Records a failed identity check; the one that reaches the limit locks the reset path (returned as a refusal). */
  async recordIdentityFailure(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    const limit = this.policy.identityFailures;
    let refusal: ThrottleRefusal | null = null;
    for (const [scope, value, factor] of this.entries(scopes)) {
      const key = `fail|${value}`;
      await this.store.record(key, this.now());
      const count = (await this.store.eventsSince(key, addMinutes(this.now(), -limit.windowMinutes))).length;
      if (count >= limit.max * factor) {
        const until = addMinutes(this.now(), limit.lockMinutes);
        await this.store.lock(`path|${value}`, until);
        refusal ??= { rule: 'path', scope, retryAfterSeconds: this.secondsUntil(until) };
      }
    }
    return refusal;
  }

  /**
   * Counts one try of a method (a code sent, a call placed). The try beyond the limit is refused and locks the method
   * for this account (or device, or IP) for lockMinutes.
   */
  async tryMethod(scopes: ThrottleScopes, methodKind: string): Promise<ThrottleRefusal | null> {
    const locked = await this.checkLocks('method', `method:${methodKind}`, scopes);
    if (locked) return locked;
    const limit = this.policy.methodTries;
    const entries = this.entries(scopes);
    for (const [scope, value, factor] of entries) {
      const recent = await this.store.eventsSince(`try:${methodKind}|${value}`, addMinutes(this.now(), -limit.windowMinutes));
      if (recent.length >= limit.max * factor) {
        const until = addMinutes(this.now(), limit.lockMinutes);
        await this.store.lock(`method:${methodKind}|${value}`, until);
        return { rule: 'method', scope, retryAfterSeconds: this.secondsUntil(until) };
      }
    }
    for (const [, value] of entries) await this.store.record(`try:${methodKind}|${value}`, this.now());
    return null;
  }

  /** Counts one email; refused (without counting) when the window is full. */
  async trySendEmail(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    return this.tryWindow('emails', 'email', scopes, this.policy.emails);
  }

  /** Refuses a reset beyond the hourly limit for the account. Call recordReset after a reset succeeded. */
  async checkReset(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    const limit = this.policy.resets;
    const recent = await this.store.eventsSince(`reset|${scopes.account}`, addMinutes(this.now(), -limit.windowMinutes));
    return this.windowRefusal('resets', 'account', recent, limit);
  }

  /**
   * After a successful reset: counts it and clears the account's failures, method tries, email count and locks (Entra
   * clears them too). Device and IP counters stay: one good account must not wash an attacker's address clean.
   */
  async recordReset(scopes: ThrottleScopes, methodKinds: readonly string[]): Promise<void> {
    await this.store.record(`reset|${scopes.account}`, this.now());
    const account = scopes.account;
    await this.store.clear([
      `fail|${account}`,
      `path|${account}`,
      `email|${account}`,
      ...methodKinds.flatMap((kind) => [`try:${kind}|${account}`, `method:${kind}|${account}`]),
    ]);
  }

  /** Housekeeping: forgets events older than any window and locks that ended. */
  async purge(): Promise<void> {
    const longest = Math.max(
      this.policy.identityFailures.windowMinutes,
      this.policy.methodTries.windowMinutes,
      this.policy.emails.windowMinutes,
      this.policy.resets.windowMinutes,
    );
    await this.store.purge(addMinutes(this.now(), -longest));
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private entries(scopes: ThrottleScopes): ScopeEntry[] {
    const shared = this.policy.sharedFactor;
    const list: ScopeEntry[] = [['account', scopes.account, 1]];
    if (scopes.device) list.push(['device', scopes.device, shared]);
    if (scopes.ip) list.push(['ip', scopes.ip, shared]);
    return list;
  }

  private async checkLocks(
    rule: ThrottleRefusal['rule'],
    prefix: string,
    scopes: ThrottleScopes,
  ): Promise<ThrottleRefusal | null> {
    let refusal: ThrottleRefusal | null = null;
    for (const [scope, value] of this.entries(scopes)) {
      const until = await this.store.lockedUntil(`${prefix}|${value}`, this.now());
      if (until && (!refusal || this.secondsUntil(until) > refusal.retryAfterSeconds)) {
        refusal = { rule, scope, retryAfterSeconds: this.secondsUntil(until) };
      }
    }
    return refusal;
  }

  private async tryWindow(
    rule: ThrottleRefusal['rule'],
    name: string,
    scopes: ThrottleScopes,
    limit: { max: number; windowMinutes: number },
  ): Promise<ThrottleRefusal | null> {
    const entries = this.entries(scopes);
    for (const [scope, value, factor] of entries) {
      const recent = await this.store.eventsSince(`${name}|${value}`, addMinutes(this.now(), -limit.windowMinutes));
      const refusal = this.windowRefusal(rule, scope, recent, { max: limit.max * factor, windowMinutes: limit.windowMinutes });
      if (refusal) return refusal;
    }
    for (const [, value] of entries) await this.store.record(`${name}|${value}`, this.now());
    return null;
  }

  /** A full window frees up when its oldest event leaves it. */
  private windowRefusal(
    rule: ThrottleRefusal['rule'],
    scope: keyof ThrottleScopes,
    recent: Date[],
    limit: { max: number; windowMinutes: number },
  ): ThrottleRefusal | null {
    if (recent.length < limit.max) return null;
    const oldestThatMustLeave = recent[recent.length - limit.max] ?? this.now();
    return { rule, scope, retryAfterSeconds: this.secondsUntil(addMinutes(oldestThatMustLeave, limit.windowMinutes)) };
  }

  private secondsUntil(until: Date): number {
    return Math.max(1, Math.ceil((until.getTime() - this.now().getTime()) / 1000));
  }

  private now(): Date {
    return this.clock.now();
  }
}
