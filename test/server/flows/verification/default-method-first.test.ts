import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse, ManageSecurityInfoStep, MethodKind } from '@resetdesk/shared';
import { DEMO_METHODS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';
import { demoUser } from '../../support/unlock-change-calls';

// Issue 14: the method a person made their default in security info comes first in the reset and unlock chooser
// (which preselects the first). An unknown name's chooser must not tell by its order: decoys are drawn from the
// orders real accounts show, default first included.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;
const calls = registrationCalls(() => server);
// Jamal's chooser in the policy's order, before he picks a default (his second address is an option of its own).
const POLICY_ORDER: MethodKind[] = ['email', 'email', 'sms', 'voice', 'questions', 'totp', 'approval'];

beforeAll(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  // Jamal signs in to security info (an email code) once per default he picks: more than the hourly method tries.
  const many = { max: 50, windowMinutes: 60 };
  const throttle = { methodTries: many, emails: { max: 50, windowMinutes: 10 } };
  writeFileSync(file, JSON.stringify({ methods: DEMO_METHODS, captcha: { mode: 'off' }, throttle }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
}, 60_000);
afterAll(async () => {
  await server.close();
  temp.remove();
});

async function chooserKinds(kind: 'reset' | 'unlock', username: string): Promise<string[]> {
  const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, { body: { kind, username } });
  expect(started.status).toBe(201);
  const step = started.body.flow.step;
  if (step.kind !== 'chooseMethod') throw new Error(`no chooser for ${username}: ${step.kind}`);
  return step.methods.map((m) => m.kind);
}

async function chooserIds(username: string): Promise<string[]> {
  const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  const step = started.body.flow.step;
  return step.kind === 'chooseMethod' ? step.methods.map((m) => m.id) : [step.kind];
}

/** Jamal signs in to security info (password, then an email code) and makes `itemId` his default. */
async function makeDefault(itemId: string): Promise<ManageSecurityInfoStep> {
  const started = await calls.start('jamal');
  const signed = await calls.signIn(started.body.flowToken, demoUser('jamal').password);
  await calls.choose(signed.body.flowToken, 'email');
  const verified = await calls.verify(signed.body.flowToken, await latestCodeFor(server.app, 'jamal@contoso.example'));
  const token = verified.body.flowToken;
  const changed = await calls.setDefault(token, itemId);
  expect(changed.status).toBe(200);
  await calls.finish(token);
  return changed.body.flow.step as ManageSecurityInfoStep;
}

describe('the default method', () => {
  it('comes first in the reset and the unlock chooser; the others keep the policy order', async () => {
    expect(await chooserKinds('reset', 'jamal')).toEqual(POLICY_ORDER);
    const step = await makeDefault('directory:phone');
    expect(step.methods.find((m) => m.isDefault)?.id).toBe('directory:phone');
    // A phone as default is offered first as a text message, then as a call (one phone), then the rest.
    const phoneFirst = ['sms', 'voice', 'email', 'email', 'questions', 'totp', 'approval'];
    expect(await chooserKinds('reset', 'jamal')).toEqual(phoneFirst);
    expect(await chooserKinds('unlock', 'jamal')).toEqual(phoneFirst);
    // Back to the email address as default: the policy's order again.
    await makeDefault('directory:email');
    expect(await chooserKinds('reset', 'jamal')).toEqual(POLICY_ORDER);
    // Others are not touched.
    expect(await chooserKinds('reset', 'karim')).toEqual(['sms', 'voice']);
  });

  it('is drawn for unknown names as often as real accounts have it: the order tells nothing', async () => {
    await makeDefault('directory:phone');
    server.runtime.decoySurvey.invalidate();
    const survey = await server.runtime.decoySurvey.settled();
    const phoneFirst = ['sms', 'voice', 'email', 'questions', 'totp', 'approval'];
    // The survey keeps Jamal's set in the order his chooser shows it, not in the policy's.
    expect(survey.methodSets.map((w) => w.value.kinds.join(','))).toContain(phoneFirst.join(','));
    expect(survey.methodSets.map((w) => w.value.kinds.join(','))).not.toContain(POLICY_ORDER.slice(1).join(','));
    // Some unknown names draw that set, and their chooser shows it in that order.
    const seen: string[] = [];
    // As Jamal's, with a second address listed after the first.
    const shown = ['sms', 'voice', 'email', 'email', 'questions', 'totp', 'approval'].join(',');
    for (let i = 0; i < 300 && !seen.includes(shown); i += 1) {
      seen.push((await chooserKinds('reset', `nobody-${i}@contoso.example`)).join(','));
    }

    expect(seen).toContain(shown);
  });

  it('puts the very address made default first among several, for real accounts and unknown names', async () => {
    const listing = await makeDefault('directory:email');
    const second = listing.methods.find((m) => m.kind === 'email' && !m.fromDirectory);
    if (!second) throw new Error('Jamal has no second address');
    await makeDefault(second.id);
    // His second address (email-2) first, so it is the one preselected; the first right after it, the rest as before.
    const jamal = await chooserIds('jamal');
    expect(jamal).toEqual(['email-2', 'email', 'sms', 'voice', 'questions', 'totp', 'approval']);
    // Unknown names drawn from his set list their second made-up address first too.
    server.runtime.decoySurvey.invalidate();
    await server.runtime.decoySurvey.settled();
    const seen: string[] = [];
    for (let i = 0; i < 300 && !seen.includes(jamal.join(',')); i += 1) {
      seen.push((await chooserIds(`nobody-else-${i}@contoso.example`)).join(','));
    }
    expect(seen).toContain(jamal.join(','));
    await makeDefault('directory:email');
  });
});
