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
  })
  .strict();
export type CaptchaPolicy = z.output<typeof CaptchaPolicySchema>;
