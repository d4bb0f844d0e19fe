import { createHmac } from 'node:crypto';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import type { ThrottlePolicy } from './throttle-policy';
import type { ThrottleStore } from './throttle-store';
import type {
  CheckPurpose,
  CheckReservation,
  ClientFacts,
  ThrottleRefusal,
  ThrottleScopeName,
  ThrottleScopes,
} from './throttle-types';

export type { CheckPurpose, CheckReservation, ClientFacts, ThrottleRefusal, ThrottleScopeName, ThrottleScopes };

type ScopeEntry = [scope: ThrottleScopeName, value: string, factor: number];

interface Limit {
  max: number;
  windowMinutes: number;
}

const PURPOSES: Record<CheckPurpose, { events: string; lock: string; rule: ThrottleRefusal['rule'] }> = {
  identity: { events: 'fail', lock: 'path', rule: 'path' },
  change: { events: 'cfail', lock: 'change', rule: 'change' },
};

/**
 * The reset path's rate limits and lockouts (Entra's numbers by default, see ThrottlePolicySchema), kept per purpose
 * (wrong answers, wrong old passwords, sends, emails, help requests) and per source, so that abuse from one place
 * cannot shut the real person out from another. Nothing here touches the account in the directory: the person can
 * always still sign in.
 */
export class ResetThrottle {
  private readonly store: ThrottleStore;
  private readonly policy: ThrottlePolicy;
  private readonly clock: Clock;
  private readonly nameKey: Buffer;
  private readonly canonicalName: (typed: string) => string;

  constructor(deps: {
    store: ThrottleStore;
    policy: ThrottlePolicy;
    clock: Clock;
    nameKey: Buffer;
    // One name for every way of typing it (TenantDomains.canonical): a real account's key is its id however the name
    // was typed, so an unknown name's key must not depend on the spelling either.
    canonicalName?: (typed: string) => string;
  }) {
    this.store = deps.store;
    this.policy = deps.policy;
    this.clock = deps.clock;
    this.nameKey = deps.nameKey;
    this.canonicalName = deps.canonicalName ?? ((typed) => typed);
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
    const name = this.canonicalName(normalizedName);
    return `name:${createHmac('sha256', this.nameKey).update(`throttle|${name}`).digest('base64url')}`;
  }

  scopes(account: string, client: ClientFacts): ThrottleScopes {
    return {
      account,
      device: client.deviceId ? `device:${client.deviceId}` : null,
      ip: client.ip ? `ip:${client.ip}` : null,
    };
  }

  /** Refuses when the reset path is locked for this account from here, the account anywhere, the device or the IP. */
  async checkPath(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    return this.checkLocks('path', 'path', scopes);
  }

  /** The change-password path's own lock (wrong old passwords never close the reset path, nor the account). */
  async checkChangePath(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    return this.checkLocks('change', 'change', scopes);
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
      if (!value) continue;
      for (const events of ['fail', 'cfail']) {
        most = Math.max(most, (await this.store.eventsSince(`${events}|${value}`, since)).length);
      }
    }
    return most;
  }

  /**
   * Before a check runs (a code, answers, an old password): refuses when its path is locked or its counters are full,
   * else counts the check as failed right away. An attempt is a failure until it is proved right, so parallel
   * attempts see each other's reservations and cannot outrun the limit while a hash is being computed.
   */
  async reserveCheck(scopes: ThrottleScopes, purpose: CheckPurpose): Promise<{ refusal: ThrottleRefusal } | { reservation: CheckReservation }> {
    const { events, lock, rule } = PURPOSES[purpose];
    const locked = await this.checkLocks(rule, lock, scopes);
    if (locked) return { refusal: locked };
    const limit = this.failureLimit(purpose);
    const since = addMinutes(this.now(), -limit.windowMinutes);
    const entries = this.entries(scopes);
    // Count-and-record: the account's checks run one at a time (the lease), but the device and IP counters are shared
    // by every account checked from there at the same moment, on any instance.
    const windows = entries.map(([, value, factor]) => ({ key: `${events}|${value}`, max: limit.max * factor }));
    const eventIds = await this.store.recordIfRoom(windows, since, this.now());
    if (eventIds) return { reservation: { purpose, scopes, eventIds } };
    let full: ThrottleScopeName = entries[0]?.[0] ?? 'account';
    for (const [scope, value, factor] of entries) {
      if ((await this.store.eventsSince(`${events}|${value}`, since)).length >= limit.max * factor) {
        full = scope;
        break;
      }
    }
    return { refusal: { rule, scope: full, retryAfterSeconds: limit.lockMinutes * 60 } };
  }

  /** The check failed: its reservation stays a failure; the one that reaches a limit locks that path (a refusal). */
  async failCheck(reservation: CheckReservation): Promise<ThrottleRefusal | null> {
    const { events, lock, rule } = PURPOSES[reservation.purpose];
    const limit = this.failureLimit(reservation.purpose);
    let refusal: ThrottleRefusal | null = null;
    for (const [scope, value, factor] of this.entries(reservation.scopes)) {
      const count = (await this.store.eventsSince(`${events}|${value}`, addMinutes(this.now(), -limit.windowMinutes))).length;
      if (count >= limit.max * factor) {
        const until = addMinutes(this.now(), limit.lockMinutes);
        await this.store.lock(`${lock}|${value}`, until);
        refusal ??= { rule, scope, retryAfterSeconds: this.secondsUntil(until) };
      }
    }
    return refusal;
  }

  /** The check was right (or had no answer to judge, like a pending poll): its reservation is forgotten. */
  async passCheck(reservation: CheckReservation): Promise<void> {
    await this.store.forget(reservation.eventIds);
  }

  /** A failed identity check counted at once (reserve + fail), for callers without a check to run. */
  async recordIdentityFailure(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    const reserved = await this.reserveCheck(scopes, 'identity');
    return 'refusal' in reserved ? reserved.refusal : this.failCheck(reserved.reservation);
  }

  /**
   * Counts one try of a method (a code sent, a call placed). A full window answers with a short wait (until its oldest
   * try leaves it), never a long lock: sending codes proves nothing wrong, and a stranger must not be able to close
   * a person's method by asking for codes.
   */
  async tryMethod(scopes: ThrottleScopes, methodKind: string): Promise<ThrottleRefusal | null> {
    return this.tryWindow('sends', `try:${methodKind}`, scopes, this.policy.methodTries);
  }

  /** Counts one email; refused (without counting) when the window is full. */
  async trySendEmail(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    return this.tryWindow('emails', 'email', scopes, this.policy.emails);
  }

  /** Counts one "ask the helpdesk" request: its own counters, so it cannot use up the account's email allowance. */
  async tryHelpRequest(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    return this.tryWindow('help', 'help', scopes, this.policy.helpRequests);
  }

  /** Closes one method for the account from this source (too many wrong answers in one flow). */
  async lockMethod(scopes: ThrottleScopes, methodKind: string, minutes: number): Promise<void> {
    await this.store.lock(`mlock:${methodKind}|${this.sourceKey(scopes)}`, addMinutes(this.now(), minutes));
  }

  /** Seconds until the method opens again for the account from this source; 0 when it is open. */
  async methodLockedSeconds(scopes: ThrottleScopes, methodKind: string): Promise<number> {
    const until = await this.store.lockedUntil(`mlock:${methodKind}|${this.sourceKey(scopes)}`, this.now());
    return until ? this.secondsUntil(until) : 0;
  }

  /** Refuses a reset beyond the hourly limit for the account. Call recordReset after a reset succeeded. */
  async checkReset(scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    const limit = this.policy.resets;
    const recent = await this.store.eventsSince(`reset|${scopes.account}`, addMinutes(this.now(), -limit.windowMinutes));
    return this.windowRefusal('resets', 'account', recent, limit);
  }

  /**
   * After a successful reset: counts it and clears the account's failures, sends, email count and locks, from
   * everywhere and from this source (Entra clears them too). Other sources' own counters and the device and IP
   * counters stay: one good account must not wash an attacker's address clean.
   */
  async recordReset(scopes: ThrottleScopes, methodKinds: readonly string[]): Promise<void> {
    await this.store.record(`reset|${scopes.account}`, this.now());
    const subjects = [scopes.account, this.sourceKey(scopes)];
    await this.store.clear(
      subjects.flatMap((subject) => [
        `fail|${subject}`,
        `path|${subject}`,
        `cfail|${subject}`,
        `change|${subject}`,
        `email|${subject}`,
        ...methodKinds.flatMap((kind) => [`try:${kind}|${subject}`, `mlock:${kind}|${subject}`]),
      ]),
    );
  }

  /** Housekeeping: forgets events older than any window and locks that ended. */
  async purge(): Promise<void> {
    const longest = Math.max(
      this.policy.identityFailures.windowMinutes,
      this.policy.changeFailures.windowMinutes,
      this.policy.methodTries.windowMinutes,
      this.policy.emails.windowMinutes,
      this.policy.helpRequests.windowMinutes,
      this.policy.resets.windowMinutes,
    );
    await this.store.purge(addMinutes(this.now(), -longest));
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private failureLimit(purpose: CheckPurpose) {
    return purpose === 'identity' ? this.policy.identityFailures : this.policy.changeFailures;
  }

  /** The account as seen from this device (or IP): the counter a stranger fills only for themselves. */
  private sourceKey(scopes: ThrottleScopes): string {
    const source = scopes.device ?? scopes.ip;
    return source ? `${scopes.account}@${source}` : scopes.account;
  }

  private entries(scopes: ThrottleScopes): ScopeEntry[] {
    const shared = this.policy.sharedFactor;
    const source = scopes.device ?? scopes.ip;
    // Without a source the account's own counter is all there is, at the per-source limit.
    if (!source) return [['account', scopes.account, 1]];
    const list: ScopeEntry[] = [
      ['source', this.sourceKey(scopes), 1],
      ['account', scopes.account, shared],
    ];
    if (scopes.device) list.push(['device', scopes.device, shared]);
    if (scopes.ip) list.push(['ip', scopes.ip, shared]);
    return list;
  }

  private async checkLocks(rule: ThrottleRefusal['rule'], prefix: string, scopes: ThrottleScopes): Promise<ThrottleRefusal | null> {
    let refusal: ThrottleRefusal | null = null;
    for (const [scope, value] of this.entries(scopes)) {
      const until = await this.store.lockedUntil(`${prefix}|${value}`, this.now());
      if (until && (!refusal || this.secondsUntil(until) > refusal.retryAfterSeconds)) {
        refusal = { rule, scope, retryAfterSeconds: this.secondsUntil(until) };
      }
    }
    return refusal;
  }

  /**
   * Counts one event in every scope's window at once, or none when one is full (the store's count-and-record, so
   * parallel requests on any instance cannot pass together). A refusal then reads the full window for its wait.
   */
  private async tryWindow(rule: ThrottleRefusal['rule'], name: string, scopes: ThrottleScopes, limit: Limit): Promise<ThrottleRefusal | null> {
    const entries = this.entries(scopes);
    const since = addMinutes(this.now(), -limit.windowMinutes);
    const windows = entries.map(([, value, factor]) => ({ key: `${name}|${value}`, max: limit.max * factor }));
    if ((await this.store.recordIfRoom(windows, since, this.now())) !== null) return null;
    for (const [scope, value, factor] of entries) {
      const recent = await this.store.eventsSince(`${name}|${value}`, since);
      const refusal = this.windowRefusal(rule, scope, recent, { max: limit.max * factor, windowMinutes: limit.windowMinutes });
      if (refusal) return refusal;
    }
    // The full window emptied between the two reads: a short wait, then the next try counts again.
    return { rule, scope: entries[0]?.[0] ?? 'account', retryAfterSeconds: 1 };
  }

  /** A full window frees up when its oldest event leaves it. */
  private windowRefusal(rule: ThrottleRefusal['rule'], scope: ThrottleScopeName, recent: Date[], limit: Limit): ThrottleRefusal | null {
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
