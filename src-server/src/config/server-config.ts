import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { readSettingsFile, resolveFile, resolveSecretRef } from './settings-file';
import {
  DEMO_CONTACT_ADMIN_URL,
  DEMO_EMAIL_DOMAIN,
  DEMO_HELPDESK_EMAIL,
  DEMO_METHODS,
  DEMO_ORGANIZATION_NAME,
} from '../demo/demo-users';
import { DEFAULT_DIRECTORY_SETTINGS, DirectorySettingsSchema } from '../directory/directory-settings';
import type { DirectorySettings } from '../directory/directory-settings';
import { ResetPolicySchema } from '../policy/reset-policy';
import type { ResetPolicyInput } from '../policy/reset-policy';
import { parseTrustedProxyList, TrustedProxiesSchema } from '../http/trusted-proxies';
import { DeliverySettingsSchema } from '../delivery/delivery-settings';
import type { DeliverySettings } from '../delivery/delivery-settings';
import { isLoopbackHost } from './loopback-host';
import { StoreSettingsSchema, storeSettingsFromEnv } from '../store/store-settings';

export { isLoopbackHost } from './loopback-host';

export const DEFAULT_PORT = 8420;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.resetdesk-data';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ServerConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535),
    host: z.string().min(1).max(255),
    dataDir: z.string().min(1),
    // Where the server's keys live (server-secrets.json, device-key): the data folder unless set, so that a copy or
    // backup of the database need not carry the keys that make its HMACs and device secrets meaningful.
    keysDir: z.string().min(1),
    demo: z.boolean(),
    wizardDir: z.string().min(1),
    tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict().optional(),
    // The reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs); none by default. See trusted-proxies.ts.
    trustedProxies: TrustedProxiesSchema,
    logLevel: z.enum(LOG_LEVELS),
    policy: ResetPolicySchema,
    // Where passwords live: the built-in directory unless RESETDESK_DIRECTORY_FILE names LDAP or Active Directory.
    directory: DirectorySettingsSchema,
    // How messages leave the server (SMTP, ...); none outside the demo means nothing can be sent.
    delivery: DeliverySettingsSchema.optional(),
    // SQLite in the data folder unless RESETDESK_STORE_URL names a PostgreSQL database (store/store-settings.ts).
    store: StoreSettingsSchema,
  })
  .strict();
export type ServerConfig = z.output<typeof ServerConfigSchema>;

/** Command-line flags; each one overrides the matching environment variable. */
export interface ServerFlags {
  demo?: boolean;
  port?: string | number;
  host?: string;
  dataDir?: string;
  // --demo-on-network: serve the demo (codes on the console, known passwords) on a non-loopback address anyway.
  demoOnNetwork?: boolean;
}

export interface ConfigSources {
  env?: Readonly<Record<string, string | undefined>>;
  flags?: ServerFlags;
  // Relative data directories resolve from here (the process's working directory by default).
  cwd?: string;
  // The running file; the default wizard folder is `../../dist/renderer` from it. In the bundle
  // (src-server/dist/resetdesk-server.js) that is the repository's dist/renderer.
  moduleUrl?: string;
}

export { ConfigError };

const FlagBoolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const EnvSchema = z
  .object({
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
    RESETDESK_POLICY_FILE: z.string().min(1).optional(),
    RESETDESK_DIRECTORY_FILE: z.string().min(1).optional(),
    RESETDESK_DELIVERY_FILE: z.string().min(1).optional(),
    RESETDESK_ORG_NAME: z.string().min(1).optional(),
    RESETDESK_CONTACT_URL: z.string().min(1).optional(),
    RESETDESK_EMAIL_DOMAIN: z.string().min(1).optional(),
    RESETDESK_REQUIRE_ENROLLED_DEVICES: FlagBoolean.optional(),
    RESETDESK_STORE_URL: z.string().optional(),
    RESETDESK_STORE_PASSWORD_FILE: z.string().min(1).optional(),
    RESETDESK_STORE_PASSWORD: z.string().optional(),
    RESETDESK_STORE_POOL_SIZE: z.string().optional(),
  })
  .refine((env) => (env.RESETDESK_TLS_CERT === undefined) === (env.RESETDESK_TLS_KEY === undefined), {
    message: 'RESETDESK_TLS_CERT and RESETDESK_TLS_KEY must be set together',
  });

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`Invalid ${what}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// RESETDESK_TRUST_PROXY=1 used to trust every X-Forwarded-For hop, so the left-most address, which the client writes
// itself, became the client IP (defeating the network gate, per-IP limits, the CAPTCHA rule and the audit IP). It names
// no proxy, so it cannot be made safe: refuse it with a pointer to the list instead of silently changing its meaning.
function refuseLegacyTrustProxy(value: boolean | undefined): void {
  if (value !== true) return;
  throw new ConfigError(
    'RESETDESK_TRUST_PROXY=1 is no longer supported: it trusted every X-Forwarded-For hop, so any client could choose ' +
      'its own IP address. Set RESETDESK_TRUSTED_PROXIES to the addresses (or CIDR networks) of your reverse proxies, ' +
      'e.g. RESETDESK_TRUSTED_PROXIES=10.0.0.5,10.1.0.0/16 (127.0.0.1 for a proxy on this host), and unset ' +
      'RESETDESK_TRUST_PROXY.',
  );
}

// The demo prints every code on the console, offers a sign-in oracle and seeds users with published passwords: on a
// network address anyone who can reach it can reset those accounts. Only an explicit opt-in serves it there.
function refuseDemoOnNetwork(demo: boolean, host: string, optIn: boolean): void {
  if (!demo || optIn || isLoopbackHost(host)) return;
  throw new ConfigError(
    `Refusing to serve the demo on ${host}: demo mode shows codes on the console and its users' passwords are ` +
      'published, so anyone who can reach this address could reset them. Use a loopback host (127.0.0.1), or pass ' +
      '--demo-on-network (RESETDESK_DEMO_ON_NETWORK=1) if that is really what you want.',
  );
}

// The demo's users, passwords and registrations live in the built-in directory; it never writes to a real one.
function readDirectoryFile(file: string | undefined, demo: boolean, cwd: string): DirectorySettings {
  if (file === undefined) return DEFAULT_DIRECTORY_SETTINGS;
  const settings = readSettingsFile(file, DirectorySettingsSchema, 'directory');
  if (settings.kind === 'builtin') return settings;
  if (demo) throw new ConfigError(`The demo runs on the built-in directory only; ${file} names "${settings.kind}"`);
  const { connection } = settings;
  return {
    ...settings,
    connection: {
      ...connection,
      caFile: resolveFile(cwd, connection.caFile),
      bindPassword: resolveSecretRef(cwd, connection.bindPassword),
    },
  };
}

function readPolicyFile(file: string): ResetPolicyInput {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the policy file ${file}: ${(error as Error).message}`);
  }
  parseOrThrow(ResetPolicySchema, content, `policy file ${file}`);
  // Only what the file says: its schema defaults must not override the demo's (say, the organisation's name). The
  // whole policy is validated again once every source is merged.
  return content as ResetPolicyInput;
}

/** The delivery settings file; every problem is reported with the setting's full name (delivery.email.port). */
function readDeliveryFile(file: string, cwd: string): DeliverySettings {
  const settings = readSettingsFile(file, DeliverySettingsSchema, 'delivery');
  const { email, sms } = settings;
  const password = email?.auth?.password;
  return {
    ...settings,
    ...(email
      ? {
          email: {
            ...email,
            ...(email.caFile ? { caFile: resolveFile(cwd, email.caFile) } : {}),
            ...(email.auth && password ? { auth: { ...email.auth, password: resolveSecretRef(cwd, password) } } : {}),
          },
        }
      : {}),
    ...(sms ? { sms: { ...sms, authToken: resolveSecretRef(cwd, sms.authToken) } } : {}),
  };
}

/**
 * Builds the server configuration from the environment (RESETDESK_*) and command-line flags, then validates all of
 * it. Throws ConfigError with a readable list of problems.
 */
export function loadServerConfig(sources: ConfigSources = {}): ServerConfig {
  const env = parseOrThrow(EnvSchema, sources.env ?? process.env, 'environment');
  refuseLegacyTrustProxy(env.RESETDESK_TRUST_PROXY);
  const flags = sources.flags ?? {};
  const cwd = sources.cwd ?? process.cwd();
  const demo = flags.demo === true || env.RESETDESK_DEMO === true;
  const moduleUrl = sources.moduleUrl ?? import.meta.url;

  // Later sources win: built-in defaults, demo defaults, the policy file, single environment variables.
  const policy: ResetPolicyInput = {
    ...(demo
      ? {
          organizationName: DEMO_ORGANIZATION_NAME,
          emailDomain: DEMO_EMAIL_DOMAIN,
          contactAdminUrl: DEMO_CONTACT_ADMIN_URL,
          helpdeskEmail: DEMO_HELPDESK_EMAIL,
          methods: [...DEMO_METHODS],
        }
      : {}),
    ...(env.RESETDESK_POLICY_FILE ? readPolicyFile(resolve(cwd, env.RESETDESK_POLICY_FILE)) : {}),
    ...(env.RESETDESK_ORG_NAME ? { organizationName: env.RESETDESK_ORG_NAME } : {}),
    ...(env.RESETDESK_CONTACT_URL ? { contactAdminUrl: env.RESETDESK_CONTACT_URL } : {}),
    ...(env.RESETDESK_EMAIL_DOMAIN ? { emailDomain: env.RESETDESK_EMAIL_DOMAIN } : {}),
    ...(env.RESETDESK_REQUIRE_ENROLLED_DEVICES === undefined
      ? {}
      : { requireEnrolledDevices: env.RESETDESK_REQUIRE_ENROLLED_DEVICES }),
  };

  const port = flags.port ?? env.RESETDESK_PORT ?? DEFAULT_PORT;
  const host = flags.host ?? env.RESETDESK_HOST ?? DEFAULT_HOST;
  refuseDemoOnNetwork(demo, host, flags.demoOnNetwork === true || env.RESETDESK_DEMO_ON_NETWORK === true);
  const dataDir = resolve(cwd, flags.dataDir ?? env.RESETDESK_DATA_DIR ?? DEFAULT_DATA_DIR);
  const tls =
    env.RESETDESK_TLS_CERT && env.RESETDESK_TLS_KEY
      ? { certFile: resolve(cwd, env.RESETDESK_TLS_CERT), keyFile: resolve(cwd, env.RESETDESK_TLS_KEY) }
      : undefined;
  return parseOrThrow(
    ServerConfigSchema,
    {
      port: typeof port === 'number' ? port : /^\d+$/u.test(port) ? Number(port) : Number.NaN,
      host,
      dataDir,
      keysDir: env.RESETDESK_KEYS_DIR ? resolve(cwd, env.RESETDESK_KEYS_DIR) : dataDir,
      demo,
      wizardDir: env.RESETDESK_WIZARD_DIR
        ? resolve(cwd, env.RESETDESK_WIZARD_DIR)
        : fileURLToPath(new URL('../../dist/renderer', moduleUrl)),
      ...(tls ? { tls } : {}),
      trustedProxies: env.RESETDESK_TRUSTED_PROXIES ? parseTrustedProxyList(env.RESETDESK_TRUSTED_PROXIES) : [],
      logLevel: env.RESETDESK_LOG_LEVEL ?? 'info',
      policy,
      directory: readDirectoryFile(
        env.RESETDESK_DIRECTORY_FILE === undefined ? undefined : resolve(cwd, env.RESETDESK_DIRECTORY_FILE),
        demo,
        cwd,
      ),
      ...(env.RESETDESK_DELIVERY_FILE
        ? { delivery: readDeliveryFile(resolve(cwd, env.RESETDESK_DELIVERY_FILE), cwd) }
        : {}),
      store: storeSettingsFromEnv(env, cwd),
    },
    'configuration',
  );
}
