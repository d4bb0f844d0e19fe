import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import type { BuiltinUserInput } from '../../../src-server/src/directory/builtin/builtin-users';
import { createServerRuntime } from '../../../src-server/src/runtime/server-runtime';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { makeTempDir, TEST_SCRYPT_COST } from '../../server/support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../../server/support/smtp-server';
import { stopAll } from './directory-stack';
import { startResetServer, type RunningResetServer } from './reset-server-process';

/**
 * A production-shaped reset server for the channel-health browser test: the built server bundle as its own process,
 * NOT in demo mode, on the built-in directory (its users written into the data folder before the server starts), with
 * a real SMTP relay (aiosmtpd on loopback) that the test stops and starts, checked every 5 seconds.
 */
export interface ChannelStack {
  server: RunningResetServer;
  smtp: TestSmtpServer;
  /** Waits (up to 30 s) until the server's health report shows the email channel in `state`. */
  emailIs(state: 'up' | 'down'): Promise<void>;
  stop(): Promise<void>;
}

export async function startChannelStack(options: {
  users: BuiltinUserInput[];
  policy: Record<string, unknown>;
}): Promise<ChannelStack> {
  const temp = makeTempDir('resetdesk-channels-');
  const stoppers: (() => Promise<void> | void)[] = [() => temp.remove()];
  const stop = () => stopAll(stoppers.splice(0).reverse());
  try {
    const smtp = await startSmtpServer();
    stoppers.push(() => smtp.stop());
    const email = { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'no-reply@example.test' } };
    const env = {
      RESETDESK_DELIVERY_FILE: join(temp.dir, 'delivery.json'),
      RESETDESK_POLICY_FILE: join(temp.dir, 'policy.json'),
    };
    writeFileSync(env.RESETDESK_DELIVERY_FILE, JSON.stringify({ email, health: { intervalSeconds: 5 } }));
    writeFileSync(env.RESETDESK_POLICY_FILE, JSON.stringify({ organizationName: 'Example', ...options.policy }));
    const dataDir = join(temp.dir, 'data');
    // The users go into the data folder first, through the same store the server process then opens.
    const seeding = await createServerRuntime(
      loadServerConfig({ env: { ...env, RESETDESK_WIZARD_DIR: temp.dir }, flags: { dataDir, port: 0 } }),
      { scryptCost: TEST_SCRYPT_COST, log: false },
    );
    try {
      const hasher = new PasswordHasher(TEST_SCRYPT_COST);
      const clock = { now: () => new Date() };
      await createBuiltinUsers({ db: seeding.store.db, tenantId: DEFAULT_TENANT_ID, hasher, clock }, options.users);
    } finally {
      await seeding.close();
    }
    const server = await startResetServer({ demo: false, dataDir, env });
    stoppers.push(() => server.stop());
    return {
      server,
      smtp,
      stop,
      async emailIs(state) {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const health = (await (await fetch(`${server.url}/healthz`)).json()) as { channels: { state: string }[] };
          if (health.channels[0]?.state === state) return;
          if (Date.now() > deadline) throw new Error(`the email channel stayed ${JSON.stringify(health.channels)}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
