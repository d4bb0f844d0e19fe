import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse, PasskeyAssertion, UsePasskeyStep } from '@resetdesk/shared';
import { DEMO_METHODS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, decoyNameWith, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// The passkey method through the real flow service, HTTP routes and SQLite store. Assertions that verify need a real
// authenticator (test/browser/passkey.test.ts, Chromium's virtual one); these are the refusals decided before any
// signature: a used challenge is a replay, a passkey that is not the account's is the wrong credential, and an
// unknown name gets the same options and the same refusal as a real account.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;
type Answer = FlowResponse & ErrorResponse;

beforeAll(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ methods: [...DEMO_METHODS, 'passkey'], captcha: { mode: 'off' } }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  const adele = await server.runtime.directory.findUser('adele');
  if (!adele) throw new Error('no adele');
  // A passkey as the registration ceremony stores it (its key never signs here: nothing below gets that far).
  await server.runtime.methods.passkey.credentials.add({
    id: randomBytes(32).toString('base64url'),
    userId: adele.id,
    userHandle: randomBytes(32).toString('base64url'),
    rpId: 'localhost',
    publicKey: randomBytes(77).toString('base64url'),
    signCount: 0,
    transports: ['internal'],
  });
  server.runtime.decoySurvey.invalidate();
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

function assertionFor(challenge: string, credentialId = randomBytes(32).toString('base64url')): PasskeyAssertion {
  const clientData = { type: 'webauthn.get', challenge, origin: 'http://localhost:8420', crossOrigin: false };
  return {
    id: credentialId,
    rawId: credentialId,
    type: 'public-key',
    response: {
      clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString('base64url'),
      authenticatorData: randomBytes(37).toString('base64url'),
      signature: randomBytes(70).toString('base64url'),
    },
    clientExtensionResults: {},
  };
}

async function passkeyStep(username: string): Promise<{ token: string; step: UsePasskeyStep }> {
  const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  const token = started.body.flowToken;
  const chosen = await call<Answer>(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'passkey' } });
  const step = chosen.body.flow.step;
  if (step.kind !== 'usePasskey') throw new Error(`${username}: ${JSON.stringify(chosen.body)}`);
  return { token: chosen.body.flowToken, step };
}

function answer(token: string, assertion: PasskeyAssertion) {
  return call<Answer>(server.app, 'POST', ROUTES.verifyPasskey, { token, body: { assertion } });
}

describe('the passkey method', () => {
  it('offers a registered passkey with options that name no credential and require user verification', async () => {
    const { step } = await passkeyStep('adele');
    expect(step.method).toEqual({ id: 'passkey', kind: 'passkey', maskedTarget: '' });
    expect(step.options).toMatchObject({ rpId: 'localhost', userVerification: 'required', allowCredentials: [] });
    // Not offered to someone without one.
    const frank = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'frank' } });
    expect(frank.body.flow.step).toMatchObject({ kind: 'chooseMethod' });
    if (frank.body.flow.step.kind === 'chooseMethod') {
      expect(frank.body.flow.step.methods.map((m) => m.kind)).not.toContain('passkey');
    }
  });

  it('refuses a passkey that is not the account\'s as PASSKEY_WRONG_CREDENTIAL, counting the attempt', async () => {
    const { token, step } = await passkeyStep('adele');
    const refused = await answer(token, assertionFor(step.options.challenge));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'PASSKEY_WRONG_CREDENTIAL', details: { attemptsLeft: 4 } });
  });

  it('refuses an answer to a challenge already used as PASSKEY_REPLAYED; an unknown challenge as PASSKEY_REJECTED', async () => {
    const { token } = await passkeyStep('adele');
    const used = randomBytes(32).toString('base64url');
    expect(await server.runtime.methods.passkey.credentials.useChallenge(used, 'x'.repeat(16))).toBe(true);
    expect((await answer(token, assertionFor(used))).body.error?.code).toBe('PASSKEY_REPLAYED');
    const forged = randomBytes(32).toString('base64url');
    expect((await answer(token, assertionFor(forged))).body.error?.code).toBe('PASSKEY_REJECTED');
  });

  it('shows an unknown name the same step and the same refusal as a real account', async () => {
    const name = await decoyNameWith(server, 'passkey');
    const real = await passkeyStep('adele');
    const decoy = await passkeyStep(name);
    const shape = (step: UsePasskeyStep) => ({ ...step, options: { ...step.options, challenge: 'c' }, expiresAt: 't' });
    expect(shape(decoy.step)).toEqual(shape(real.step));
    expect(decoy.step.options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const fromReal = await answer(real.token, assertionFor(real.step.options.challenge));
    const fromDecoy = await answer(decoy.token, assertionFor(decoy.step.options.challenge));
    expect({ status: fromDecoy.status, error: fromDecoy.body.error }).toEqual({
      status: fromReal.status,
      error: fromReal.body.error,
    });
  });

  it('refuses a malformed assertion at the boundary (zod), before any lookup', async () => {
    const { token, step } = await passkeyStep('adele');
    const bad = { ...assertionFor(step.options.challenge), type: 'password' };
    const refused = await call<Answer>(server.app, 'POST', ROUTES.verifyPasskey, { token, body: { assertion: bad } });
    expect(refused.body.error?.code).toBe('INVALID_INPUT');
  });
});

describe('the registration ceremony', () => {
  it('asks for a discoverable, user-verified passkey and excludes the ones registered already', async () => {
    const adele = await server.runtime.directory.findUser('adele');
    if (!adele) throw new Error('no adele');
    const options = await server.runtime.methods.passkey.registration.options(adele);
    expect(options.rp).toEqual({ name: expect.any(String) as string, id: 'localhost' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    const registered = await server.runtime.methods.passkey.credentials.ofUser(adele.id, 'localhost');
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual(registered.map((c) => c.id));
    // The handle is the one her passkeys already carry, and says nothing of her name or id.
    expect(Buffer.from(options.user.id, 'base64url').toString('base64url')).toBe(registered[0]?.user_handle);
  });

  it('refuses an answer to a challenge it never gave, through the demo route', async () => {
    const attestation = {
      ...assertionFor(randomBytes(32).toString('base64url')),
      response: {
        clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: 'nope-nope-nope-nope' }))
          .toString('base64url'),
        attestationObject: randomBytes(64).toString('base64url'),
      },
    };
    const refused = await call<ErrorResponse>(server.app, 'POST', ROUTES.demoPasskeyFinish, {
      body: { username: 'adele', attestation },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PASSKEY_REGISTRATION_FAILED');
  });
});

describe('outside demo mode', () => {
  it('has no demo passkey routes', async () => {
    const plain = await createTestServer({ demo: false });
    try {
      const begin = await call(plain.app, 'POST', ROUTES.demoPasskeyBegin, { body: { username: 'adele' } });
      expect(begin.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
