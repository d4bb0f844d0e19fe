import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfigFile } from './config-file';
import { ConfigError } from './config-error';
import type { ConfigOrigins } from './config-origins';
import { ConfigFileSchema, DEFAULT_HOST, DEFAULT_PORT } from './config-schema';
import type { ConfigFileInput } from './config-schema';
import { readSettingsFile } from './settings-file';
import type { ServerEnv } from './server-env';
import {
  DEMO_CONTACT_ADMIN_URL,
  DEMO_EMAIL_DOMAIN,
  DEMO_HELPDESK_EMAIL,
  DEMO_METHODS,
  DEMO_ORGANIZATION_NAME,
} from '../demo/demo-users';
import { DeliverySettingsSchema } from '../delivery/delivery-settings';
import { DirectorySettingsSchema } from '../directory/directory-settings';
import { isLoopbackHost } from './loopback-host';
import { parseTrustedProxyList } from '../http/trusted-proxies';
import { ResetPolicySchema } from '../policy/reset-policy';
import { storeSettingsFromEnv } from '../store/store-settings';
import { redisSettingsFromEnv } from '../throttle/redis/redis-settings';

/** Command-line flags; each one overrides the matching environment variable. */
export interface ServerFlags {
  demo?: boolean;
  port?: string | number;
  host?: string;
  dataDir?: string;
  // --demo-on-network: serve the demo (codes on the console, known passwords) on a non-loopback address anyway.
  demoOnNetwork?: boolean;
}

type Section = Record<string, unknown>;

const DEMO_POLICY = {
  organizationName: DEMO_ORGANIZATION_NAME,
  emailDomain: DEMO_EMAIL_DOMAIN,
  contactAdminUrl: DEMO_CONTACT_ADMIN_URL,
  helpdeskEmail: DEMO_HELPDESK_EMAIL,
  methods: [...DEMO_METHODS],
};

// A port as typed (flag or variable): digits only; anything else fails validation as "expected a number".
const portNumber = (port: string | number): number =>
  typeof port === 'number' ? port : /^\d+$/u.test(port) ? Number(port) : Number.NaN;

function readPolicyFile(file: string): unknown {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the policy file ${file}: ${(error as Error).message}`);
  }
  const parsed = ResetPolicySchema.safeParse(content);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${['policy', ...issue.path].join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid policy file ${file}:\n${problems.join('\n')}`);
  }
  // Only what the file says: its schema defaults must not override the demo's (say, the organisation's name).
  return content;
}

function serverSection(file: ConfigFileInput, fileName: string, env: ServerEnv, flags: ServerFlags, origins: ConfigOrigins) {
  const server: Section = {};
  origins.assign(server, 'server', file.server, fileName);
  const fromEnv: [string, unknown, string][] = [
    ['port', env.RESETDESK_PORT === undefined ? undefined : portNumber(env.RESETDESK_PORT), 'RESETDESK_PORT'],
    ['host', env.RESETDESK_HOST, 'RESETDESK_HOST'],
    ['dataDir', env.RESETDESK_DATA_DIR, 'RESETDESK_DATA_DIR'],
    ['keysDir', env.RESETDESK_KEYS_DIR, 'RESETDESK_KEYS_DIR'],
    ['demo', env.RESETDESK_DEMO, 'RESETDESK_DEMO'],
    ['demoOnNetwork', env.RESETDESK_DEMO_ON_NETWORK, 'RESETDESK_DEMO_ON_NETWORK'],
    ['wizardDir', env.RESETDESK_WIZARD_DIR, 'RESETDESK_WIZARD_DIR'],
    [
      'tls',
      env.RESETDESK_TLS_CERT && env.RESETDESK_TLS_KEY
        ? { certFile: env.RESETDESK_TLS_CERT, keyFile: env.RESETDESK_TLS_KEY }
        : undefined,
      'RESETDESK_TLS_CERT and RESETDESK_TLS_KEY',
    ],
    [
      'trustedProxies',
      env.RESETDESK_TRUSTED_PROXIES ? parseTrustedProxyList(env.RESETDESK_TRUSTED_PROXIES) : undefined,
      'RESETDESK_TRUSTED_PROXIES',
    ],
    ['logLevel', env.RESETDESK_LOG_LEVEL, 'RESETDESK_LOG_LEVEL'],
    [
      'shutdownGraceSeconds',
      env.RESETDESK_SHUTDOWN_GRACE_SECONDS === undefined ? undefined : Number(env.RESETDESK_SHUTDOWN_GRACE_SECONDS),
      'RESETDESK_SHUTDOWN_GRACE_SECONDS',
    ],
  ];
  const fromFlags: [string, unknown, string][] = [
    ['port', flags.port === undefined ? undefined : portNumber(flags.port), '--port'],
    ['host', flags.host, '--host'],
    ['dataDir', flags.dataDir, '--data-dir'],
    ['demo', flags.demo === true ? true : undefined, '--demo'],
    ['demoOnNetwork', flags.demoOnNetwork === true ? true : undefined, '--demo-on-network'],
  ];
  for (const [key, value, origin] of [...fromEnv, ...fromFlags]) origins.assign(server, 'server', { [key]: value }, origin);
  return server;
}

// The demo's notices link to the demo server itself, when its address is known in advance (not port 0) and loopback.
function demoLinkBase(server: Section): { publicBaseUrl?: string } {
  const host = typeof server.host === 'string' ? server.host : DEFAULT_HOST;
  const port = typeof server.port === 'number' ? server.port : DEFAULT_PORT;
  if (!Number.isInteger(port) || port === 0 || !isLoopbackHost(host)) return {};
  return { publicBaseUrl: `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}` };
}

function policySection(file: ConfigFileInput, fileName: string, env: ServerEnv, server: Section, cwd: string,
  origins: ConfigOrigins): Section {
  const policy: Section = {};
  // The demo's organisation and methods, under everything an administrator sets.
  if (server.demo === true) origins.assign(policy, 'policy', { ...DEMO_POLICY, ...demoLinkBase(server) }, 'the demo');
  if (env.RESETDESK_POLICY_FILE) {
    const policyFile = resolve(cwd, env.RESETDESK_POLICY_FILE);
    origins.assign(policy, 'policy', readPolicyFile(policyFile) as object, `RESETDESK_POLICY_FILE (${policyFile})`);
  } else origins.assign(policy, 'policy', file.policy, fileName);
  const fromEnv: [string, unknown, string][] = [
    ['organizationName', env.RESETDESK_ORG_NAME, 'RESETDESK_ORG_NAME'],
    ['contactAdminUrl', env.RESETDESK_CONTACT_URL, 'RESETDESK_CONTACT_URL'],
    ['emailDomain', env.RESETDESK_EMAIL_DOMAIN, 'RESETDESK_EMAIL_DOMAIN'],
    ['requireEnrolledDevices', env.RESETDESK_REQUIRE_ENROLLED_DEVICES, 'RESETDESK_REQUIRE_ENROLLED_DEVICES'],
    ['publicBaseUrl', env.RESETDESK_PUBLIC_URL, 'RESETDESK_PUBLIC_URL'],
  ];
  for (const [key, value, origin] of fromEnv) origins.assign(policy, 'policy', { [key]: value }, origin);
  return policy;
}

// A section from its old variable replaces the file's section as a whole: the variable wins, like every other one.
function wholeSection(name: 'directory' | 'delivery', variable: string | undefined, fromFile: unknown, fileName: string,
  cwd: string, origins: ConfigOrigins): unknown {
  if (variable) {
    const file = resolve(cwd, variable);
    const schema = name === 'directory' ? DirectorySettingsSchema : DeliverySettingsSchema;
    origins.set(name, `RESETDESK_${name.toUpperCase()}_FILE (${file})`);
    return readSettingsFile(file, schema, name);
  }
  if (fromFile !== undefined) origins.set(name, fileName);
  return fromFile;
}

// The operations section from the file, with RESETDESK_LOAD_SHEDDING (on/off) over its loadShedding.enabled.
function operationsSection(file: ConfigFileInput, fileName: string, env: ServerEnv, origins: ConfigOrigins) {
  const operations: Section = {};
  origins.assign(operations, 'operations', file.operations, fileName);
  if (env.RESETDESK_LOAD_SHEDDING === undefined) return operations;
  const loadShedding = { ...file.operations?.loadShedding, enabled: env.RESETDESK_LOAD_SHEDDING };
  origins.assign(operations, 'operations', { loadShedding }, fileName);
  origins.set('operations.loadShedding.enabled', 'RESETDESK_LOAD_SHEDDING');
  return operations;
}

/**
 * Every source merged into the configuration file's shape, later ones winning: the schema's defaults (filled in when
 * this is validated), the demo's defaults, the configuration file (RESETDESK_CONFIG_FILE), the old per-section files
 * (RESETDESK_POLICY_FILE, ..._DIRECTORY_FILE, ..._DELIVERY_FILE: each replaces that section of the file), single
 * environment variables, command-line flags. `origins` records where each value came from.
 */
export function layeredInput(env: ServerEnv, flags: ServerFlags, cwd: string, origins: ConfigOrigins): ConfigFileInput {
  const fileName = env.RESETDESK_CONFIG_FILE === undefined ? '' : resolve(cwd, env.RESETDESK_CONFIG_FILE);
  const file: ConfigFileInput = fileName ? readConfigFile(fileName, ConfigFileSchema) : {};
  const server = serverSection(file, fileName, env, flags, origins);
  const directory = wholeSection('directory', env.RESETDESK_DIRECTORY_FILE, file.directory, fileName, cwd, origins);
  const delivery = wholeSection('delivery', env.RESETDESK_DELIVERY_FILE, file.delivery, fileName, cwd, origins);
  // RESETDESK_STORE_URL names the store as a whole (with its password and pool size variables), like a section file.
  const storeFromEnv = env.RESETDESK_STORE_URL ? storeSettingsFromEnv(env, cwd) : undefined;
  if (storeFromEnv !== undefined) origins.set('store', 'RESETDESK_STORE_URL');
  else if (file.store !== undefined) origins.set('store', fileName);
  const store = storeFromEnv ?? file.store;
  // RESETDESK_REDIS_URL likewise names the throttles' Redis as a whole.
  const redisFromEnv = redisSettingsFromEnv(env, cwd);
  if (redisFromEnv !== undefined) origins.set('redis', 'RESETDESK_REDIS_URL');
  else if (file.redis !== undefined) origins.set('redis', fileName);
  const redis = redisFromEnv ?? file.redis;
  return {
    server,
    policy: policySection(file, fileName, env, server, cwd, origins),
    ...(store === undefined ? {} : { store }),
    ...(redis === undefined ? {} : { redis }),
    ...(directory === undefined ? {} : { directory }),
    ...(delivery === undefined ? {} : { delivery }),
    operations: operationsSection(file, fileName, env, origins),
    // The passkeys' relying party, from the file only (it was dropped here, so `passkey.rpId` never took effect).
    ...(file.passkey === undefined ? {} : { passkey: file.passkey }),
  } as ConfigFileInput;
}
