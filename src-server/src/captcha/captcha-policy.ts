import { z } from 'zod';

/** When the username step asks for a CAPTCHA, and how hard it is. */
export const CaptchaPolicySchema = z
  .object({
    // off; always; or only once this device or IP address has this many failed identity checks in the throttle window.
    mode: z.enum(['off', 'always', 'afterFailures']).default('afterFailures'),
    afterFailures: z.number().int().min(1).max(1000).default(3),
    length: z.number().int().min(4).max(8).default(5),
    lifetimeMinutes: z.number().int().min(1).max(30).default(5),
    // 16 bits: about 65,000 SHA-256 hashes, a second or two in a browser, negligible for one person, costly in bulk.
    proofOfWorkBits: z.number().int().min(1).max(28).default(16),
    // The cost grows with failures from the same device or address: each failure beyond the ones that switch the
    // CAPTCHA on (afterFailures; none in "always" mode) adds bits, each bit doubling the expected work, up to the cap.
    // 22 bits is about 4 million hashes: half a minute or more in a browser, a second or so for native code.
    proofOfWorkBitsPerFailure: z.number().int().min(0).max(8).default(1),
    proofOfWorkMaxBits: z.number().int().min(1).max(28).default(22),
  })
  .strict();
export type CaptchaPolicy = z.output<typeof CaptchaPolicySchema>;

/** The proof-of-work difficulty for a client with `failures` recent failed identity checks. */
export function proofOfWorkBitsFor(policy: CaptchaPolicy, failures: number): number {
  const free = policy.mode === 'afterFailures' ? policy.afterFailures : 0;
  const extra = Math.max(0, failures - free) * policy.proofOfWorkBitsPerFailure;
  // A base above the cap wins: the cap only limits growth.
  return Math.min(Math.max(policy.proofOfWorkMaxBits, policy.proofOfWorkBits), policy.proofOfWorkBits + extra);
}
