import { z } from 'zod';
import { SecretRefSchema } from '../../config/secret-ref';

/**
 * The `operations` section: what the server tells the people who run it (/docs, /readyz, /metrics) and when it
 * sheds load. Every part has defaults that suit one instance on a small machine; none needs setting.
 */
export const LoadSheddingSchema = z
  .object({
    enabled: z.boolean().default(true),
    // The mean event-loop delay over one sample above which requests get 503 + Retry-After. A delay this long means
    // every request already waits that long: answering "try again" is kinder than a timeout.
    maxEventLoopDelayMs: z.number().int().min(1).max(60_000).default(1000),
    // The event loop's busy share (0..1) over one sample above which requests are shed; off unless set, since a
    // server at full use but answering in time is healthy.
    maxEventLoopUtilization: z.number().gt(0).max(1).optional(),
    sampleIntervalMs: z.number().int().min(10).max(60_000).default(1000),
    retryAfterSeconds: z.number().int().min(1).max(3600).default(10),
  })
  .strict();

export const ReadinessSchema = z
  .object({
    // /readyz asks the store, the directory and the channels at most this often (anyone may call it; a directory
    // health check binds to LDAP): answers in between are the last one. 0 asks every time.
    cacheSeconds: z.number().min(0).max(300).default(5),
    // A part that has not answered by then is not ready ("timeout").
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  })
  .strict();

export const MetricsSchema = z
  .object({
    enabled: z.boolean().default(true),
    // Without a token /metrics answers only on loopback, and only to requests that no proxy forwarded. With one,
    // anyone presenting it as `Authorization: Bearer <token>` (Prometheus' bearer_token_file).
    bearerToken: SecretRefSchema.optional(),
  })
  .strict();

export const OperationsSettingsSchema = z
  .object({
    // The OpenAPI 3.1 document of the HTTP API at /docs/json and its viewer at /docs.
    docs: z.object({ enabled: z.boolean().default(true) }).strict().prefault({}),
    readiness: ReadinessSchema.prefault({}),
    loadShedding: LoadSheddingSchema.prefault({}),
    metrics: MetricsSchema.prefault({}),
  })
  .strict();
export type OperationsSettings = z.output<typeof OperationsSettingsSchema>;
export type LoadSheddingSettings = z.output<typeof LoadSheddingSchema>;
export type ReadinessSettings = z.output<typeof ReadinessSchema>;
