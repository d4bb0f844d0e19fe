import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tapCommand } from '../../../src-server/src/cli/tap-commands';
import { usersMethodsCommand } from '../../../src-server/src/cli/users-methods-commands';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { DEMO_METHODS } from '../../../src-server/src/demo/demo-users';
import { passkeyDb } from '../../../src-server/src/methods/passkey/passkey-tables';
import { RegisteredPhones } from '../../../src-server/src/methods/phone/registered-phones';
import { registrationDb } from '../../../src-server/src/methods/registration-tables';
import { SecurityInfoProfiles } from '../../../src-server/src/methods/security-info-profiles';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { systemClock } from '../../../src-server/src/support/clock';
import { runCli } from '../support/cli-runner';
import type { CliResult } from '../support/cli-runner';
import { createTestServer, makeTempDir } from '../support/server-fixtures';
import { testStoreEnv } from '../support/test-store-env';

// Issue 14: `users methods U` lists every kind a person can have (the directory's mail and mobile, registered
// emails and phones, questions, authenticator app and approval, passkeys, and Temporary Access Passes in force), all
// masked; `users methods reset U` clears every registered one, passkeys and the default included (audited), so the
// person must register again. The helpdesk's passes stay (`tap revoke` ends them).

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let env: Record<string, string>;
const PHONE = '+31687650099';

async function usersMethods(...args: string[]): Promise<CliResult> {
  const config = loadServerConfig({ env, flags: { dataDir } });
  let stdout = '';
  let stderr = '';
  const code = await usersMethodsCommand(config, args, (t) => (stdout += `${t}\n`), (t) => (stderr += `${t}\n`));
  return { code, stdout, stderr };
}

beforeAll(async () => {
  temp = makeTempDir();
  dataDir = join(temp.dir, 'data');
  const policyFile = join(temp.dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ captcha: { mode: 'off' }, methods: [...DEMO_METHODS, 'tap'] }));
  env = { ...(await testStoreEnv()), RESETDESK_POLICY_FILE: policyFile };
  // Jamal's demo registrations, plus a registered phone, a passkey and a default, as security info saves them.
  const server = await createTestServer({ demo: true, dataDir, env });
  try {
    const jamal = await server.runtime.directory.findUser('jamal');
    if (!jamal) throw new Error('no demo user jamal');
    const deps = { db: server.runtime.store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock };
    await new RegisteredPhones(deps).add(jamal.id, PHONE);
    await passkeyDb(deps.db)
      .insertInto('passkey_credentials')
      .values({
        id: 'Y3JlZGVudGlhbC1pZA', tenant_id: DEFAULT_TENANT_ID, user_id: jamal.id, user_handle: 'aGFuZGxl',
        rp_id: 'localhost', public_key: 'cHVibGljLWtleQ', sign_count: 0, transports: '[]',
        created_at: new Date().toISOString(), last_used_at: null,
      })
      .execute();
    const profiles = new SecurityInfoProfiles(deps);
    await profiles.setDefault(jamal.id, 'directory:phone');
    await profiles.confirm(jamal.id);
  } finally {
    await server.close();
  }
  const config = loadServerConfig({ env, flags: { dataDir } });
  const issued = await tapCommand(config, ['issue'], { user: 'jamal', lifetime: '1h', oneTime: false }, () => {},
    () => {});
  expect(issued).toBe(0);
}, 60_000);
afterAll(() => temp.remove());

describe('resetdesk-server users methods, every kind', () => {
  it('lists all of them masked, and a reset clears every registered one (passkeys too), audited', async () => {
    const listed = await usersMethods('jamal');
    expect(listed.code).toBe(0);
    const kinds = listed.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 2).join(' '));
    expect(kinds).toEqual([
      'email directory',
      'phone directory',
      'email registered',
      'approval registered',
      'questions registered',
      'totp registered',
      'phone registered',
      'passkey registered',
      'tap helpdesk',
    ]);
    expect(listed.stdout).toContain('••• ••• ••99');
    expect(listed.stdout).toMatch(/^tap\thelpdesk\tpass until \S+\t/mu);
    // Nothing in clear: no address, number, answer, secret or credential.
    expect(listed.stdout).not.toMatch(/jamal\.idris@|87650099|Volvo|KRSXG5|Y3JlZGVudGlhbC1pZA|cHVibGljLWtleQ/u);

    const reset = await runCli(dataDir, ['users', 'methods', 'reset', 'jamal'], { env });
    const cleared = 'Cleared 6 registered method(s) of jamal: they must register again.\n';
    expect(reset).toMatchObject({ code: 0, stdout: cleared });
    const after = (await usersMethods('jamal')).stdout.trim().split('\n');
    expect(after.map((line) => line.split('\t').slice(0, 2).join(' '))).toEqual([
      'email directory',
      'phone directory',
      'tap helpdesk',
    ]);
    // No default and no confirmation left: the person is asked to register (and confirm) again.
    const server = await createTestServer({ demo: false, dataDir, env });
    try {
      const db = server.runtime.store.db;
      const rows = await registrationDb(db).selectFrom('security_info_profiles').selectAll().execute();
      expect(rows.filter((r) => r.default_method_id !== null || r.confirmed_at !== null)).toEqual([]);
      expect(await passkeyDb(db).selectFrom('passkey_credentials').selectAll().execute()).toEqual([]);
    } finally {
      await server.close();
    }
    const audit = (await runCli(dataDir, ['audit', '--user', 'jamal'], { env })).stdout;
    expect(audit).toMatch(/\tmethods\.reset\tsuccess\tjamal\t.*6 cleared by /u);
  });
});
