import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { describeIssues, pathText } from './config-issues';
import { ConfigOrigins, DEFAULT_ORIGIN } from './config-origins';
import { layeredInput } from './config-layers';
import type { ServerFlags } from './config-layers';
import { ConfigFileSchema } from './config-schema';
import type { ConfigFileOutput } from './config-schema';
import { isLoopbackHost } from './loopback-host';
import { threadPoolSize } from '../support/hash-pool';
import { resolveFilePaths } from './settings-file';
import { ServerEnvSchema } from './server-env';

export { isLoopbackHost } from './loopback-host';
export { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, ConfigFileSchema } from './config-schema';
export type { ServerFlags } from './config-layers';
export { ConfigError };

type Server = ConfigFileOutput['server'];

/** The effective configuration, every path absolute; services get their own part of it, never the whole. */
export interface ServerConfig extends Omit<Server, 'keysDir' | 'wizardDir' | 'demoOnNetwork'> {
  keysDir: string;
  wizardDir: string;
  policy: ConfigFileOutput['policy'];
  directory: ConfigFileOutput['directory'];
  delivery?: ConfigFileOutput['delivery'];
  store: ConfigFileOutput['store'];
  operations: ConfigFileOutput['operations'];
  passkey?: ConfigFileOutput['passkey'];
  redis?: ConfigFileOutput['redis'];
}

export interface ConfigSources {
  env?: Readonly<Record<string, string | undefined>>;
  flags?: ServerFlags;
  // Relative paths (the data directory, files named in any section) resolve from here (the working directory).
  cwd?: string;
  // The running file; the default wizard folder is `../../dist/renderer` from it. In the bundle
  // (src-server/dist/resetdesk-server.js) that is the repository's dist/renderer.
  moduleUrl?: string;
}

export interface LoadedConfig {
  config: ServerConfig;
  // Where each setting came from, for `config check` (the rest are defaults).
  origins: ConfigOrigins;
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
// network address anyone who can reach it can reset those accounts. Only an explicit opt-in serves it there. Its
// users, passwords and registrations live in the built-in directory; it never writes to a real one.
function refuseUnsafeDemo(server: Server, directory: ConfigFileOutput['directory'], origins: ConfigOrigins): void {
  if (!server.demo) return;
  if (!server.demoOnNetwork && !isLoopbackHost(server.host)) {
    throw new ConfigError(
      `Refusing to serve the demo on ${server.host}: demo mode shows codes on the console and its users' passwords ` +
        'are published, so anyone who can reach this address could reset them. Use a loopback host (127.0.0.1), or ' +
        'pass --demo-on-network (RESETDESK_DEMO_ON_NETWORK=1) if that is really what you want.',
    );
  }
  if (directory.kind !== 'builtin') {
    throw new ConfigError(
      `The demo runs on the built-in directory only; ${origins.of(['directory'])} names "${directory.kind}"`,
    );
  }
}

// Hashes on every libuv thread would leave file reads and DNS lookups waiting behind the whole hash queue.
function refuseFullThreadPool(server: Server, env: Readonly<Record<string, string | undefined>>): void {
  const threads = threadPoolSize(env);
  if (server.hashPool.concurrency < threads) return;
  throw new ConfigError(
    `Invalid configuration: server.hashPool.concurrency: ${server.hashPool.concurrency} hashes at once would take ` +
      `every one of libuv's ${threads} threads (UV_THREADPOOL_SIZE); use at most ${threads - 1}, or raise ` +
      'UV_THREADPOOL_SIZE.',
  );
}

function validate(input: unknown, origins: ConfigOrigins): ConfigFileOutput {
  const parsed = ConfigFileSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = describeIssues(parsed.error.issues).map(({ path, problem }) => {
    const origin = origins.of(path);
    return `Invalid configuration: ${pathText(path)}: ${problem}${origin === DEFAULT_ORIGIN ? '' : ` (from ${origin})`}`;
  });
  throw new ConfigError(lines.join('\n'));
}

function effective(sections: ConfigFileOutput, cwd: string, moduleUrl: string): ServerConfig {
  const { keysDir, wizardDir, demoOnNetwork: _demoOnNetwork, tls, ...server } = sections.server;
  const dataDir = resolve(cwd, server.dataDir);
  return {
    ...server,
    dataDir,
    keysDir: keysDir === undefined ? dataDir : resolve(cwd, keysDir),
    wizardDir: wizardDir === undefined ? fileURLToPath(new URL('../../dist/renderer', moduleUrl)) : resolve(cwd, wizardDir),
    ...(tls ? { tls: resolveFilePaths(cwd, tls) } : {}),
    policy: sections.policy,
    directory: resolveFilePaths(cwd, sections.directory),
    ...(sections.delivery ? { delivery: resolveFilePaths(cwd, sections.delivery) } : {}),
    store: resolveFilePaths(cwd, sections.store),
    operations: resolveFilePaths(cwd, sections.operations),
    ...(sections.passkey ? { passkey: sections.passkey } : {}),
    ...(sections.redis ? { redis: resolveFilePaths(cwd, sections.redis) } : {}),
  };
}

/**
 * Builds the server configuration from the configuration file, the environment (RESETDESK_*) and command-line flags
 * (config-layers.ts says which wins), then validates all of it with the one schema. Throws ConfigError, one line per
 * problem naming the setting and where it came from.
 */
export function loadConfiguration(sources: ConfigSources = {}): LoadedConfig {
  const envParsed = ServerEnvSchema.safeParse(sources.env ?? process.env);
  if (!envParsed.success) throw new ConfigError(`Invalid environment:\n${z.prettifyError(envParsed.error)}`);
  refuseLegacyTrustProxy(envParsed.data.RESETDESK_TRUST_PROXY);
  const cwd = sources.cwd ?? process.cwd();
  const origins = new ConfigOrigins();
  const sections = validate(layeredInput(envParsed.data, sources.flags ?? {}, cwd, origins), origins);
  refuseUnsafeDemo(sections.server, sections.directory, origins);
  refuseFullThreadPool(sections.server, sources.env ?? process.env);
  return { config: effective(sections, cwd, sources.moduleUrl ?? import.meta.url), origins };
}

export function loadServerConfig(sources: ConfigSources = {}): ServerConfig {
  return loadConfiguration(sources).config;
}
