import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personDn, SERVICE_PASSWORD, startOpenLdap, type OpenLdapServer } from '../support/openldap-server';
import { makeTempDir } from '../support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { faultServerEnv, StoreView } from './support/fault-stack';
import { FaultServer } from './support/fault-server';
import { killDuringSetPassword, untilResetNotices, type KillTarget } from './support/kill-window';

// The same twenty SIGKILLs between the write and the commit (kill-during-set-password.test.ts), on a real slapd with
// ppolicy: the Password Modify went through before the kill, the retry writes the same password again (the service
// account's reset is exempt from ppolicy's history) and finishes the flow; one password.reset and one notice each.
const ROUNDS = 10;

let temp: ReturnType<typeof makeTempDir>;
let slapd: OpenLdapServer;
let relay: TestSmtpServer;
let view: StoreView;
let server: FaultServer;
let target: KillTarget;

beforeAll(async () => {
  temp = makeTempDir('resetdesk-fault-kill-ldap-');
  [slapd, relay] = await Promise.all([startOpenLdap(), startSmtpServer()]);
  const secret = join(temp.dir, 'bind-password');
  writeFileSync(secret, `${SERVICE_PASSWORD}\n`, { mode: 0o600 });
  const settings = slapd.settings();
  const directory = { ...settings, connection: { ...settings.connection, bindPassword: { file: secret } } };
  const env = faultServerEnv(temp.dir, relay, { directory });
  view = await StoreView.open(env['RESETDESK_DATA_DIR'] ?? '');
  server = await FaultServer.start(env, temp.dir, { hold: true });
  target = {
    server,
    relay,
    username: 'alice',
    email: 'alice@example.test',
    rewritesOnRetry: true,
    passwordWorks: (password) => slapd.binds(personDn('alice'), password),
    auditOf: (flowId) => view.auditOf(flowId),
    newestFlowId: () => view.newestFlowId('alice'),
  };
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await view?.close();
  await relay?.stop();
  await slapd?.stop();
  temp?.remove();
});

describe('SIGKILL between the LDAP write and the commit', () => {
  it(`${ROUNDS} kills: the new password binds, the retry finishes, one password.reset and one notice each`, async () => {
    for (let round = 1; round <= ROUNDS; round += 1) await killDuringSetPassword(target, round);
    expect(await untilResetNotices(target, ROUNDS)).toBe(ROUNDS);
  }, 170_000);
});
