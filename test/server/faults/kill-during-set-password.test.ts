import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { DEFAULT_TENANT_ID, ensureTenant } from '../../../src-server/src/store/tenants';
import { systemClock } from '../../../src-server/src/support/clock';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { faultServerEnv, StoreView } from './support/fault-stack';
import { FaultServer } from './support/fault-server';
import { killDuringSetPassword, killThenRetryTwice, untilResetNotices, type KillTarget } from './support/kill-window';

// Issue 15, "Proof under load and faults": the reset server killed with SIGKILL twenty times inside set-password, in
// the window between the built-in directory's write and the flow's commit (held there by the test seam). The
// password history is on, so a retry that simply wrote again would be refused as the current password: the person
// would be told a reset that happened had failed, with no password.reset row and no notice (the bug this fixed).
const ROUNDS = 20;
const hasher = new PasswordHasher(TEST_SCRYPT_COST);

let temp: ReturnType<typeof makeTempDir>;
let relay: TestSmtpServer;
let view: StoreView;
let server: FaultServer;
let target: KillTarget;

beforeAll(async () => {
  temp = makeTempDir('resetdesk-fault-kill-');
  relay = await startSmtpServer();
  const env = faultServerEnv(temp.dir, relay, {
    policy: { passwordPolicy: { minLength: 8, maxLength: 256, minCharacterClasses: 3, disallowUserName: true, historyCount: 5 } },
  });
  view = await StoreView.open(env['RESETDESK_DATA_DIR'] ?? '');
  await ensureTenant(view.store.db, systemClock, DEFAULT_TENANT_ID, 'Contoso');
  await createBuiltinUsers(
    { db: view.store.db, tenantId: DEFAULT_TENANT_ID, hasher, clock: systemClock },
    [{ username: 'nina', displayName: 'Nina Smit', email: 'nina@contoso.example', password: 'Harbor-Lantern-17' }],
  );
  server = await FaultServer.start(env, temp.dir, { hold: true });
  target = {
    server,
    relay,
    username: 'nina',
    email: 'nina@contoso.example',
    rewritesOnRetry: false,
    async passwordWorks(password) {
      const row = await view.store.db.selectFrom('users').select('password_hash').where('username', '=', 'nina')
        .executeTakeFirstOrThrow();
      return row.password_hash !== null && hasher.verify(row.password_hash, password);
    },
    auditOf: (flowId) => view.auditOf(flowId),
    newestFlowId: () => view.newestFlowId('nina'),
  };
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await view?.close();
  await relay?.stop();
  temp?.remove();
});

describe('SIGKILL between the built-in directory write and the commit', () => {
  it(`${ROUNDS} kills: never half-reset, the retry finishes, one password.reset and one notice each`, async () => {
    for (let round = 1; round <= ROUNDS; round += 1) await killDuringSetPassword(target, round);
    expect(await untilResetNotices(target, ROUNDS)).toBe(ROUNDS);
  }, 170_000);

  it('two parallel retries after the restart: one finishes the flow, the other is told it is done', async () => {
    await killThenRetryTwice(target, ROUNDS + 1);
    expect(await untilResetNotices(target, ROUNDS + 1)).toBe(ROUNDS + 1);
  }, 60_000);
});
