import { z } from 'zod';
import { isLoopbackHost } from '../config/loopback-host';

/** The server's public address for links in messages: https, or http only for a loopback host (the demo, tests). */
export const PublicBaseUrlSchema = z
  .url({ protocol: /^https?$/u })
  .max(300)
  .transform((url) => url.replace(/\/+$/u, ''))
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname);
  }, 'https (http only on a loopback host)')
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
  }, 'no query, fragment or credentials');

export const WasntMePolicySchema = z
  .object({
    action: z.enum(['none', 'mustChange', 'disable']).default('none'),
    // How long a notice's link works.
    linkLifetimeDays: z.number().int().min(1).max(30).default(7),
  })
  .strict();
export type WasntMePolicy = z.output<typeof WasntMePolicySchema>;
