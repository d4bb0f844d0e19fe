import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmRegistrationStep, ManageSecurityInfoStep, PasskeyAttestation } from '@resetdesk/shared';
import type { DirectoryUser } from '../../../../src-server/src/directory/directory';
import { PasskeyRegistrar } from '../../../../src-server/src/methods/passkey/passkey-registrar';
import { registrationCalls } from '../../support/registration-calls';
import type { Answer } from '../../support/registration-calls';
import { call, createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { attestationFor } from '../../support/soft-authenticator';
import { demoUser } from '../../support/unlock-change-calls';
import { ROUTES } from '@resetdesk/shared';

// Registering a passkey in security info (issue 14) through the real flow service, HTTP routes and SQLite store, with
// a software authenticator whose attestations simplewebauthn verifies: saved only when verified; the same answer twice
// at once saves once; a replay and another flow's answer are refused by name; a bad origin is refused.

const ORIGIN = 'http://localhost:8420';
let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;
const calls = registrationCalls(() => server);

// A server per test: each begins several ceremonies from one address, which the send throttles count.
beforeEach(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'config.json');
  writeFileSync(file, JSON.stringify({ passkey: { rpId: 'localhost', origins: [ORIGIN] } }));
  server = await createTestServer({ demo: true, env: { RESETDESK_CONFIG_FILE: file } });
}, 60_000);

afterEach(async () => {
  await server.close();
  temp.remove();
});

/** A signed-in register flow of Bianca, who has nothing else registered (on the list step: no gate to pass). */
async function signedIn(): Promise<string> {
  const started = await calls.start('bianca');
  const listed = await calls.signIn(started.body.flowToken, demoUser('bianca').password);
  expect(listed.body.flow.step.kind, JSON.stringify(listed.body)).toBe('manageSecurityInfo');
  return listed.body.flowToken;
}

function proofOf(answer: Answer): Extract<ConfirmRegistrationStep['proof'], { kind: 'passkey' }> {
  const step = answer.body.flow?.step as ConfirmRegistrationStep;
  expect(step, JSON.stringify(answer.body)).toMatchObject({ kind: 'confirmRegistration', method: 'passkey' });
  if (step.proof.kind !== 'passkey') throw new Error('not a passkey proof');
  return step.proof;
}

const confirm = (token: string, attestation: PasskeyAttestation) =>
  call<Answer['body']>(server.app, 'POST', ROUTES.confirmRegistration, { token, body: { attestation } });

async function bianca(): Promise<DirectoryUser> {
  const user = await server.runtime.directory.findUser('bianca');
  if (!user) throw new Error('no bianca');
  return user;
}

async function passkeysOf() {
  return server.runtime.methods.passkey.credentials.ofUser((await bianca()).id, 'localhost');
}

describe('registering a passkey', () => {
  it('offers passkey, makes options bound to the flow, saves a verified one and lists it with its date', async () => {
    const token = await signedIn();
    const begun = await calls.begin(token, { kind: 'passkey' });
    const proof = proofOf(begun);
    expect(proof.options).toMatchObject({
      rp: { id: 'localhost' },
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    expect(Date.parse(proof.expiresAt)).toBeLessThanOrEqual(server.clock.now().getTime() + 5 * 60_000);
    const saved = await confirm(token, attestationFor(proof.options, ORIGIN));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const step = saved.body.flow.step as ManageSecurityInfoStep;
    expect(step.methods).toEqual([
      expect.objectContaining({ kind: 'passkey', fromDirectory: false, createdAt: server.clock.now().toISOString() }),
    ]);
    expect(step.methods[0]?.id).toMatch(/^passkey:[A-Za-z0-9_-]{22}$/u);
    expect(await passkeysOf()).toHaveLength(1);

    // A second passkey: the options exclude the first; then the first is removed, the second stays.
    const second = proofOf(await calls.begin(token, { kind: 'passkey' }));
    expect(second.options.excludeCredentials).toHaveLength(1);
    const two = (await confirm(token, attestationFor(second.options, ORIGIN))).body.flow.step as ManageSecurityInfoStep;
    expect(two.methods.map((m) => m.kind)).toEqual(['passkey', 'passkey']);
    const removed = await calls.remove(token, two.methods[0]?.id ?? '');
    expect((removed.body.flow.step as ManageSecurityInfoStep).methods.map((m) => m.id)).toEqual([two.methods[1]?.id]);
    expect(await passkeysOf()).toHaveLength(1);
  });

  it('refuses a replayed attestation by name, and saves nothing again', async () => {
    const token = await signedIn();
    // Opened before anything is registered (afterwards a passkey would be the gate before the list).
    const other = await signedIn();
    const first = attestationFor(proofOf(await calls.begin(token, { kind: 'passkey' })).options, ORIGIN);
    expect((await confirm(token, first)).status).toBe(200);
    // The flow is back on the list: the same answer again has no proof to answer.
    expect((await confirm(token, first)).body.error?.code).toBe('FLOW_STEP_MISMATCH');
    // A new ceremony, answered with the old answer (as someone who captured it would).
    proofOf(await calls.begin(token, { kind: 'passkey' }));
    const replayed = await confirm(token, first);
    expect(replayed).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_REGISTRATION_REPLAYED' } } });
    expect(await passkeysOf()).toHaveLength(1);
    // In another flow too.
    await calls.begin(other, { kind: 'passkey' });
    expect((await confirm(other, first)).body.error?.code).toBe('PASSKEY_REGISTRATION_REPLAYED');
  });

  it("refuses another flow's ceremony by name; each flow's own answer then saves", async () => {
    const flowA = await signedIn();
    const flowB = await signedIn();
    const optionsA = proofOf(await calls.begin(flowA, { kind: 'passkey' })).options;
    const optionsB = proofOf(await calls.begin(flowB, { kind: 'passkey' })).options;
    const forA = attestationFor(optionsA, ORIGIN);
    const foreign = await confirm(flowB, forA);
    expect(foreign).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_REGISTRATION_FOREIGN' } } });
    // A failed check counts as a wrong answer (attempts left, as for a code).
    expect(foreign.body.error?.details?.attemptsLeft).toBe(4);
    expect(await passkeysOf()).toHaveLength(0);
    expect((await confirm(flowA, forA)).status).toBe(200);
    expect((await confirm(flowB, attestationFor(optionsB, ORIGIN))).status).toBe(200);
    expect(await passkeysOf()).toHaveLength(2);
  });

  it('refuses an attestation that does not verify (another origin), nothing saved', async () => {
    const token = await signedIn();
    const options = proofOf(await calls.begin(token, { kind: 'passkey' })).options;
    const refused = await confirm(token, attestationFor(options, 'https://evil.example'));
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_REGISTRATION_FAILED' } } });
    expect(await passkeysOf()).toHaveLength(0);
    // The proof stays open: a right answer still saves.
    expect((await confirm(token, attestationFor(options, ORIGIN))).status).toBe(200);
  });

  it('refuses an attestation of the wrong shape at the boundary', async () => {
    const token = await signedIn();
    await calls.begin(token, { kind: 'passkey' });
    const bad = await call<Answer['body']>(server.app, 'POST', ROUTES.confirmRegistration, {
      token,
      body: { attestation: { id: 'short', type: 'public-key', response: {} } },
    });
    expect(bad.body.error?.code).toBe('INVALID_INPUT');
  });

  it('saves once when the same attestation is sent twice at once (over HTTP, and to the registrar itself)', async () => {
    const token = await signedIn();
    const other = await signedIn();
    const attestation = attestationFor(proofOf(await calls.begin(token, { kind: 'passkey' })).options, ORIGIN);
    const both = await Promise.all([confirm(token, attestation), confirm(token, attestation)]);
    expect(both.map((r) => r.status).filter((status) => status === 200)).toHaveLength(1);
    // The flow's lock orders them: the second finds the flow back on the list, no proof to answer.
    expect(both.find((r) => r.status !== 200)?.body.error?.code).toBe('FLOW_STEP_MISMATCH');
    expect(await passkeysOf()).toHaveLength(1);

    // Below the flow's lock: three confirms of one proof race on the registrar; the proof is used once.
    const begun = proofOf(await calls.begin(other, { kind: 'passkey' }));
    const row = await server.runtime.store.db
      .selectFrom('verification_codes')
      .select('flow_id')
      .where('method_id', '=', 'register:passkey')
      .where('consumed_at', 'is', null)
      .where('invalidated_at', 'is', null)
      .executeTakeFirstOrThrow();
    const registrar = new PasskeyRegistrar({
      db: server.runtime.store.db,
      clock: server.clock,
      policy: server.runtime.policy,
      ceremony: server.runtime.methods.passkey.registration,
      credentials: server.runtime.methods.passkey.credentials,
    });
    const user = await bianca();
    const context = { flowId: row.flow_id, user, locale: null, notAfter: new Date(Date.parse(begun.expiresAt)) };
    const raced = attestationFor(begun.options, ORIGIN);
    const outcomes = await Promise.all(
      [0, 1, 2].map(() => registrar.confirm(context, { kind: 'attestation', attestation: raced })),
    );
    expect(outcomes.filter((o) => o.result === 'saved')).toHaveLength(1);
    expect(outcomes.filter((o) => o.result === 'invalid' && 'reason' in o && o.reason === 'replayed')).toHaveLength(2);
    expect(await passkeysOf()).toHaveLength(2);
  });
});
