/** The shapes ResetThrottle works with (what a request is about, what a refusal says, a reserved check). */

/**
 * Who a request is about and where it comes from. `account` is always set (a decoy has one too); device and IP are
 * null when unknown. The device is the enrolled device's id (http/device-auth-hook.ts), when the request is signed.
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

/**
 * Which counter a refusal came from. `source` is the account from this device (or, without one, this IP): the counter
 * that stops a stranger. `account` is the account from everywhere (a backstop, `sharedFactor` times higher), `device`
 * and `ip` everyone at that device or address (also `sharedFactor` times higher).
 */
export type ThrottleScopeName = 'source' | 'account' | 'device' | 'ip';

/** A refused request: which rule and when it may be tried again. */
export interface ThrottleRefusal {
  rule: 'path' | 'change' | 'sends' | 'emails' | 'help' | 'resets';
  scope: ThrottleScopeName;
  retryAfterSeconds: number;
}

/** Checks that prove who someone is, each with its own counters and lock (so one cannot close the other). */
export type CheckPurpose = 'identity' | 'change';

/** A check counted as failed before it ran (see reserveCheck); the caller settles it with failCheck or passCheck. */
export interface CheckReservation {
  purpose: CheckPurpose;
  scopes: ThrottleScopes;
  eventIds: string[];
}
