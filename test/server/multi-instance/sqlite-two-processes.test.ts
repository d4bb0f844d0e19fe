import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { DEFAULT_TENANT_ID, ensureTenant } from '../../../src-server/src/store/tenants';
import { systemClock } from '../../../src-server/src/support/clock';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { faultServerEnv, StoreView } from '../faults/support/fault-stack';
import { FaultServer, wire } from '../faults/support/fault-server';

// Issue 15: two reset servers as two real processes on one data folder (one SQLite file). In one process the
// requests of two in-process servers hardly interleave (better-sqlite3 answers at once); two processes truly run at
// the same time, so this is where a flow lock kept in one process's memory let each process's first resend through.
// The flow's requests take a lease row in the file (store/sqlite-flow-lock.ts): the resend cap holds exactly.

let temp: ReturnType<typeof makeTempDir>;
let relay: TestSmtpServer;
let view: StoreView;
const servers: FaultServer[] = [];

beforeAll(async () => {
  temp = makeTempDir('resetdesk-sqlite-processes-');
  relay = await startSmtpServer();
  // One code per method and flow: each process's first resend would pass a cap counted in its own memory.
  const env = faultServerEnv(temp.dir, relay, { policy: { maxCodeSends: 1 } });
  view = await StoreView.open(env['RESETDESK_DATA_DIR'] ?? '');
  await ensureTenant(view.store.db, systemClock, DEFAULT_TENANT_ID, 'Contoso');
  const hasher = new PasswordHasher(TEST_SCRYPT_COST);
  const people = ['nina', 'omar', 'pia'].map((username) => ({
    username,
    displayName: username,
    email: `${username}@contoso.example`,
    password: 'Harbor-Lantern-17',
  }));
  await createBuiltinUsers({ db: view.store.db, tenantId: DEFAULT_TENANT_ID, hasher, clock: systemClock }, people);
  servers.push(await FaultServer.start(env, temp.dir), await FaultServer.start(env, temp.dir));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await view?.close();
  await relay?.stop();
  temp?.remove();
});

const start = async (server: FaultServer, username: string) => {
  const answer = await wire(server.url, 'POST', ROUTES.startFlow, { kind: 'reset', username });
  return String(answer?.body['flowToken']);
};

describe('two server processes on one SQLite file', () => {
  it.each(['nina', 'omar', 'pia'])('send one flow (%s) exactly its resend cap when resends hit both', async (name) => {
    const [a, b] = servers as [FaultServer, FaultServer];
    const token = await start(a, name);
    const sends = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        wire((i % 2 === 0 ? a : b).url, 'POST', ROUTES.chooseMethod, { methodId: 'email' }, token),
      ),
    );
    const codes = sends.map((answer) =>
      answer?.status === 200 ? 'sent' : (answer?.body['error'] as { code: string }).code,
    );
    expect(codes.filter((code) => code === 'sent')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'sent')).toEqual(Array.from({ length: 7 }, () => 'RESEND_LIMIT_REACHED'));
    // Each request let go of the flow's lease.
    expect(await view.store.db.selectFrom('flow_leases').selectAll().execute()).toEqual([]);
  }, 60_000);
});
