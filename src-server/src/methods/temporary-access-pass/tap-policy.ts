import { z } from 'zod';

const MINUTES_PER_DAY = 24 * 60;
// Entra's bounds for a Temporary Access Pass: 10 minutes to 30 days.
export const TAP_LIFETIME_FLOOR_MINUTES = 10;
export const TAP_LIFETIME_CEILING_MINUTES = 30 * MINUTES_PER_DAY;

const LifetimeSchema = z.number().int().min(TAP_LIFETIME_FLOOR_MINUTES).max(TAP_LIFETIME_CEILING_MINUTES);

/**
 * The lifetimes the helpdesk may issue passes for (the organisation may narrow Entra's 10 minutes to 30 days). Whether
 * a pass also proves identity in a reset or unlock is the `methods` list's 'tap' (off unless listed).
 */
export const TapPolicySchema = z
  .object({
    minLifetimeMinutes: LifetimeSchema.default(TAP_LIFETIME_FLOOR_MINUTES),
    maxLifetimeMinutes: LifetimeSchema.default(TAP_LIFETIME_CEILING_MINUTES),
  })
  .strict()
  .refine((p) => p.minLifetimeMinutes <= p.maxLifetimeMinutes, {
    message: 'minLifetimeMinutes cannot be more than maxLifetimeMinutes',
    path: ['minLifetimeMinutes'],
  });
export type TapPolicy = z.output<typeof TapPolicySchema>;
