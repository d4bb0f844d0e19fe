import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const FlagBoolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

/**
 * The RESETDESK_* environment variables. Each one overrides the matching setting of the configuration file
 * (RESETDESK_CONFIG_FILE); the *_FILE ones name a JSON file for one whole section, as before there was one file.
 */
export const ServerEnvSchema = z
  .object({
    RESETDESK_CONFIG_FILE: z.string().min(1).optional(),
    RESETDESK_PORT: z.string().regex(/^\d+$/u).optional(),
    RESETDESK_HOST: z.string().min(1).optional(),
    RESETDESK_DATA_DIR: z.string().min(1).optional(),
    RESETDESK_KEYS_DIR: z.string().min(1).optional(),
    RESETDESK_DEMO_ON_NETWORK: FlagBoolean.optional(),
    RESETDESK_DEMO: FlagBoolean.optional(),
    RESETDESK_WIZARD_DIR: z.string().min(1).optional(),
    RESETDESK_TLS_CERT: z.string().min(1).optional(),
    RESETDESK_TLS_KEY: z.string().min(1).optional(),
    // Replaced by RESETDESK_TRUSTED_PROXIES: only "off" is still accepted (see refuseLegacyTrustProxy).
    RESETDESK_TRUST_PROXY: FlagBoolean.optional(),
    RESETDESK_TRUSTED_PROXIES: z.string().max(4096).optional(),
    RESETDESK_LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
    RESETDESK_SHUTDOWN_GRACE_SECONDS: z.string().regex(/^\d+$/u).optional(),
    RESETDESK_POLICY_FILE: z.string().min(1).optional(),
    RESETDESK_DIRECTORY_FILE: z.string().min(1).optional(),
    RESETDESK_DELIVERY_FILE: z.string().min(1).optional(),
    RESETDESK_ORG_NAME: z.string().min(1).optional(),
    RESETDESK_CONTACT_URL: z.string().min(1).optional(),
    RESETDESK_EMAIL_DOMAIN: z.string().min(1).optional(),
    RESETDESK_REQUIRE_ENROLLED_DEVICES: FlagBoolean.optional(),
    // The policy's publicBaseUrl (links in notices).
    RESETDESK_PUBLIC_URL: z.string().min(1).optional(),
    // The store (store/store-settings.ts): a PostgreSQL URL, its password by file or variable, the pools' size.
    RESETDESK_STORE_URL: z.string().optional(),
    RESETDESK_STORE_PASSWORD_FILE: z.string().min(1).optional(),
    RESETDESK_STORE_PASSWORD: z.string().optional(),
    RESETDESK_STORE_POOL_SIZE: z.string().optional(),
    // Load shedding (503 SERVER_BUSY while the event loop is saturated) on or off: operations.loadShedding.enabled.
    RESETDESK_LOAD_SHEDDING: FlagBoolean.optional(),
    // The throttles' Redis (throttle/redis/redis-settings.ts): its URL, its password by file or variable, the prefix.
    RESETDESK_REDIS_URL: z.string().optional(),
    RESETDESK_REDIS_PASSWORD_FILE: z.string().min(1).optional(),
    RESETDESK_REDIS_PASSWORD: z.string().optional(),
    RESETDESK_REDIS_KEY_PREFIX: z.string().optional(),
  })
  .refine((env) => (env.RESETDESK_TLS_CERT === undefined) === (env.RESETDESK_TLS_KEY === undefined), {
    message: 'RESETDESK_TLS_CERT and RESETDESK_TLS_KEY must be set together',
  });
export type ServerEnv = z.output<typeof ServerEnvSchema>;
