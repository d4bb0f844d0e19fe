import { z } from 'zod';

/** The parts /readyz asks, each with its own answer (one line per delivery channel). */
export const ReadinessPartSchema = z
  .object({
    // 'store', 'directory', 'load' or 'channel:<email|sms|voice|push>'.
    part: z.string().max(40),
    ready: z.boolean(),
    // Why it is not ready, as a code ('timeout', 'query_failed', a check's name, a channel's reason): never an address,
    // a host name or a secret. Null when ready.
    reason: z.string().max(60).nullable(),
  })
  .strict();

export const ReadinessSchema = z
  .object({ status: z.enum(['ready', 'not_ready']), parts: z.array(ReadinessPartSchema).max(10) })
  .strict();
export type Readiness = z.infer<typeof ReadinessSchema>;
export type ReadinessPart = z.infer<typeof ReadinessPartSchema>;
