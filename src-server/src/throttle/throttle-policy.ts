import { z } from 'zod';

const Minutes = z.number().int().min(1).max(60 * 24 * 30);

/** A sliding-window limit: more than `max` events within `windowMinutes` is refused (and locks, when it has a lock). */
const LimitSchema = z.object({ max: z.number().int().min(1).max(10_000), windowMinutes: Minutes }).strict();
const LockingLimitSchema = LimitSchema.extend({ lockMinutes: Minutes }).strict();

/**
 * The reset path's throttles. The defaults are Microsoft Entra's published SSPR numbers. The limits count per account;
 * a device or an IP address is shared by everyone at a kiosk, so their limits are the account's times `sharedFactor`.
 */
export const ThrottlePolicySchema = z
  .object({
    // Failed identity checks (wrong codes, wrong answers): 5 in 24 hours from one device/IP lock the reset path for
    // that account from there for 24 hours (from everywhere after sharedFactor times as many).
    identityFailures: LockingLimitSchema.default({ max: 5, windowMinutes: 24 * 60, lockMinutes: 24 * 60 }),
    // Wrong old passwords in the change flow: the change path's own counter and lock, never the reset path's nor the
    // account's (Entra: the self-service path never locks the account).
    changeFailures: LockingLimitSchema.default({ max: 5, windowMinutes: 24 * 60, lockMinutes: 24 * 60 }),
    // Tries of one method (codes sent, calls placed): 5 in an hour; the next waits until the oldest leaves the hour.
    // `lockMinutes` is accepted for older policy files and ignored: a send cap is a short wait, never a long lock.
    methodTries: LimitSchema.extend({ lockMinutes: Minutes.optional() }).strict().default({ max: 5, windowMinutes: 60 }),
    // Emails sent: at most 10 per 10 minutes.
    emails: LimitSchema.default({ max: 10, windowMinutes: 10 }),
    // "Ask the helpdesk to contact me" requests: their own counter, so they cannot use up an account's emails.
    helpRequests: LimitSchema.default({ max: 3, windowMinutes: 60 }),
    // Completed resets of one account: at most 5 per hour.
    resets: LimitSchema.default({ max: 5, windowMinutes: 60 }),
    sharedFactor: z.number().int().min(1).max(1000).default(10),
  })
  .strict();
export type ThrottlePolicy = z.output<typeof ThrottlePolicySchema>;
