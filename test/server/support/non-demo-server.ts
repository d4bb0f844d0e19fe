import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_TOKEN_HEADER, FlowResponseSchema } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import type { BuiltinUserInput } from '../../../src-server/src/directory/builtin/builtin-users';
import type { RuntimeOptions } from '../../../src-server/src/runtime/server-runtime';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { TEST_SCRYPT_COST } from './server-fixtures';

export interface NonDemoServerSetup {
  // The test's private directory: the settings files are written here, and the secret files they name live here.
  dir: string;
  // The delivery settings file's content (RESETDESK_DELIVERY_FILE) and the reset policy's (RESETDESK_POLICY_FILE).
  delivery: unknown;
  policy: unknown;
  // The built-in directory's people, created once the server has migrated its store.
  users: readonly BuiltinUserInput[];
  // The server's HTTP log: off unless a test reads its lines.
  log?: RuntimeOptions['log'];
}

/**
 * A real (non-demo) reset server for organisation "Contoso" on a loopback socket, configured the way IT configures
 * one (settings files beside it), with the built-in directory holding `users`. The delivery tests start one each.
 */
export async function startNonDemoServer(setup: NonDemoServerSetup): Promise<RunningServer> {
  writeFileSync(join(setup.dir, 'delivery.json'), JSON.stringify(setup.delivery));
  writeFileSync(join(setup.dir, 'policy.json'), JSON.stringify(setup.policy));
  const config = loadServerConfig({
    env: {
      RESETDESK_WIZARD_DIR: setup.dir,
      RESETDESK_POLICY_FILE: 'policy.json',
      RESETDESK_DELIVERY_FILE: 'delivery.json',
      RESETDESK_ORG_NAME: 'Contoso',
    },
    flags: { port: 0, host: '127.0.0.1', dataDir: join(setup.dir, 'data') },
    cwd: setup.dir,
  });
  if (config.demo) throw new Error('startNonDemoServer: the configuration turned demo mode on');
  const server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, log: setup.log ?? false });
  const hasher = new PasswordHasher(TEST_SCRYPT_COST);
  const deps = { db: server.runtime.store.db, tenantId: DEFAULT_TENANT_ID, hasher, clock: { now: () => new Date() } };
  await createBuiltinUsers(deps, setup.users);
  return server;
}

/** A wizard step over HTTP as the browser sends it; the answer is parsed as the wizard parses it. */
export async function postFlow(server: RunningServer, path: string, body: unknown, token?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: FlowResponseSchema.parse(await response.json()) };
}
