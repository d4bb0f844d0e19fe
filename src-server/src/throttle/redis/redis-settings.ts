import { resolve } from 'node:path';
import { z } from 'zod';
import { SecretRefSchema } from '../../config/secret-ref';

/**
 * The optional Redis that several server instances share for their throttles (sliding windows, locks, check leases).
 * Off unless configured: the throttles then live in the store's own tables. Like the store's, the password is never
 * part of the URL (URLs get printed and logged): it comes from a file or an environment variable.
 */
export const RedisSettingsSchema = z
  .object({
    url: z
      .string()
      .max(2048)
      .refine((url) => /^rediss?:\/\//u.test(url), 'a redis:// or rediss:// URL')
      .refine((url) => !hasPassword(url), 'no password in the URL: use a password file or variable'),
    password: SecretRefSchema.optional(),
    // Every key starts with this, so one Redis can serve other applications (or several ResetDesk tenants' servers).
    keyPrefix: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9:_.-]*$/u, 'letters, digits and : _ . - only')
      .default('resetdesk:'),
    // How long one command may take before the step is refused THROTTLE_UNAVAILABLE (a hung Redis must not hang steps).
    commandTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
  })
  .strict();
export type RedisSettings = z.output<typeof RedisSettingsSchema>;

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** The URL as it may be shown (no password is allowed in it; the query and path are dropped). */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ''}${parsed.host}`;
  } catch {
    return 'redis://(unparsable URL)';
  }
}

interface RedisEnv {
  RESETDESK_REDIS_URL?: string | undefined;
  RESETDESK_REDIS_PASSWORD_FILE?: string | undefined;
  RESETDESK_REDIS_PASSWORD?: string | undefined;
  RESETDESK_REDIS_KEY_PREFIX?: string | undefined;
}

/**
 * Redis from the environment: RESETDESK_REDIS_URL turns it on; its password comes from the file
 * RESETDESK_REDIS_PASSWORD_FILE or the variable RESETDESK_REDIS_PASSWORD; RESETDESK_REDIS_KEY_PREFIX sets the prefix.
 * Unset: undefined (no Redis). Returned unchecked; the configuration's schema validates it with everything else.
 */
export function redisSettingsFromEnv(env: RedisEnv, cwd: string): unknown {
  const url = env.RESETDESK_REDIS_URL;
  if (url === undefined || url === '') return undefined;
  const file = env.RESETDESK_REDIS_PASSWORD_FILE;
  const password = file
    ? { file: resolve(cwd, file) }
    : env.RESETDESK_REDIS_PASSWORD === undefined
      ? undefined
      : { env: 'RESETDESK_REDIS_PASSWORD' };
  const keyPrefix = env.RESETDESK_REDIS_KEY_PREFIX;
  return { url, ...(password ? { password } : {}), ...(keyPrefix === undefined ? {} : { keyPrefix }) };
}
