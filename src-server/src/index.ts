// The reset server's public API for embedding, the benchmark and tests. The CLI entry is cli/main.ts.
export { loadServerConfig, loadConfiguration, ConfigFileSchema, ConfigError } from './config/server-config';
export type { ServerConfig, ServerFlags, ConfigSources } from './config/server-config';
export { startServer } from './runtime/start-server';
export type { RunningServer } from './runtime/start-server';
export { createServerRuntime } from './runtime/server-runtime';
export type { RuntimeOptions, ServerRuntime } from './runtime/server-runtime';
export { buildApp } from './http/app';
export type { AppDeps } from './http/app';
export { DEMO_USERS, DEMO_ORGANIZATION_NAME } from './demo/demo-users';
export type { DemoUser } from './demo/demo-users';
export { PRODUCTION_SCRYPT_COST } from './support/password-hash';
export type { ScryptCost } from './support/password-hash';
export { SERVER_VERSION } from './version';
