import { z } from 'zod';
import { DEFAULT_DIRECTORY_SETTINGS, DirectorySettingsSchema } from '../directory/directory-settings';
import { DeliverySettingsSchema } from '../delivery/delivery-settings';
import { TrustedProxiesSchema } from '../http/trusted-proxies';
import { OperationsSettingsSchema } from '../http/operations/operations-settings';
import { ResetPolicySchema } from '../policy/reset-policy';
import { PasskeySettingsSchema } from '../methods/passkey/passkey-settings';
import { SQLITE_STORE, StoreSettingsSchema } from '../store/store-settings';
import { RedisSettingsSchema } from '../throttle/redis/redis-settings';
import { DEFAULT_HASH_MAX_WAIT_SECONDS, DEFAULT_HASH_QUEUE_LENGTH, defaultHashConcurrency } from '../support/hash-pool';
import { LOG_LEVELS } from './server-env';

export const DEFAULT_PORT = 8420;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.resetdesk-data';

const Path = z.string().min(1).max(4096);

/**
 * Password hashing's own pool (support/hash-pool.ts). By default one core and one libuv thread stay free for the
 * event loop; the queue takes up to 32 hashes and up to 8 s of waiting (at the hash time measured while running),
 * inside the desktop app's 10 s request timeout.
 */
export const HashPoolSchema = z
  .object({
    concurrency: z.number().int().min(1).max(64).default(() => defaultHashConcurrency()),
    queueLength: z.number().int().min(0).max(10_000).default(DEFAULT_HASH_QUEUE_LENGTH),
    maxWaitSeconds: z.number().int().min(1).max(300).default(DEFAULT_HASH_MAX_WAIT_SECONDS),
  })
  .strict();

/** The `server` section: where and how the reset server listens and keeps its data. */
export const ServerSectionSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(DEFAULT_PORT),
    host: z.string().min(1).max(255).default(DEFAULT_HOST),
    dataDir: Path.default(DEFAULT_DATA_DIR),
    // Where the server's keys live (server-secrets.json, device-key): the data folder unless set, so that a copy or
    // backup of the database need not carry the keys that make its HMACs and device secrets meaningful.
    keysDir: Path.optional(),
    demo: z.boolean().default(false),
    // Serve the demo (codes on the console, known passwords) on a non-loopback address anyway.
    demoOnNetwork: z.boolean().default(false),
    wizardDir: Path.optional(),
    tls: z.object({ certFile: Path, keyFile: Path }).strict().optional(),
    // The reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs); none by default.
    trustedProxies: TrustedProxiesSchema.default([]),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    // How long SIGTERM/SIGINT wait for the requests in flight before cutting them (cli/serve-lifecycle.ts).
    shutdownGraceSeconds: z.number().int().min(0).max(600).default(30),
    hashPool: HashPoolSchema.prefault({}),
  })
  .strict();

/**
 * The one schema of the server configuration, in the shape of the configuration file (RESETDESK_CONFIG_FILE), built
 * from each part's own settings schema so that a setting added there is accepted here. Every object is strict: a
 * misspelt key is an error, never silently ignored. The environment and the old per-section files are merged into
 * this shape first (server-config.ts), so all of it is validated here, once.
 */
export const ConfigFileSchema = z
  .object({
    server: ServerSectionSchema.prefault({}),
    policy: ResetPolicySchema.prefault({}),
    // Where passwords live: the built-in directory unless set.
    directory: DirectorySettingsSchema.default(DEFAULT_DIRECTORY_SETTINGS),
    // How messages leave the server (SMTP, ...); none outside the demo means nothing can be sent.
    delivery: DeliverySettingsSchema.optional(),
    // SQLite in the data folder unless a PostgreSQL database is named (store/store-settings.ts).
    store: StoreSettingsSchema.default(SQLITE_STORE),
    // /docs, /readyz, /metrics and load shedding (http/operations/operations-settings.ts).
    operations: OperationsSettingsSchema.prefault({}),
    // The passkeys' relying party (the reset server's host as people reach it); derived from server.host unless set.
    passkey: PasskeySettingsSchema.optional(),
    // A Redis that several instances share for their throttles; none by default (the store's tables hold them).
    redis: RedisSettingsSchema.optional(),
  })
  .strict();
export type ConfigFileInput = z.input<typeof ConfigFileSchema>;
export type ConfigFileOutput = z.output<typeof ConfigFileSchema>;
