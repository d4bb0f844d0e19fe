import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPROVER_KEY_HEADER, ROUTES } from '@resetdesk/shared';
import type { ApproverRequest, FlowResponse, ManageSecurityInfoStep, RegistrationProof } from '@resetdesk/shared';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';
import { registrationCalls } from '../../support/registration-calls';
import type { Answer } from '../../support/registration-calls';
import { demoUser } from '../../support/unlock-change-calls';

// Pairing an approver device from security info (issue 14): the device opens the pairing's link and types the
// number; only the wizard's poll after a right number saves it; a refusal, a foreign key, a replaced pairing and a
// removed device change nothing; parallel approvals and polls of one pairing save exactly once.

let server: TestServer;
const calls = registrationCalls(() => server);
type ApprovalProof = Extract<RegistrationProof, { kind: 'approval' }>;

let temp: { dir: string; remove(): void };

// Generous: a throwaway PostgreSQL (RESETDESK_TEST_STORE=postgres) starts slowly on a busy machine.
beforeEach(async () => {
  temp = makeTempDir();
  // Not required, so the paired device may be removed again (the required minimum is security-info-changes').
  const policy = join(temp.dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ registrationRequired: false }));
  const env = { RESETDESK_PUBLIC_URL: 'https://reset.fabrikam.example', RESETDESK_POLICY_FILE: policy };
  server = await createTestServer({ demo: true, env });
}, 60_000);
afterEach(async () => {
  await server.close();
  temp.remove();
});

async function signedIn(username: string): Promise<string> {
  const started = await calls.start(username);
  return (await calls.signIn(started.body.flowToken, demoUser(username).password)).body.flowToken;
}

function proofOf(answer: Answer): ApprovalProof {
  const { step } = answer.body.flow;
  if (step.kind !== 'confirmRegistration' || step.proof.kind !== 'approval') {
    throw new Error(JSON.stringify(answer.body));
  }
  return step.proof;
}

const keyOf = (proof: ApprovalProof) => new URL(proof.approverUrl).hash.replace('#key=', '');
const poll = (token: string): Promise<Answer> => call(server.app, 'POST', ROUTES.checkDecision, { token, body: {} });

async function requestsFor(key: string) {
  const answer = await server.app.inject({
    method: 'GET',
    url: ROUTES.approverRequests,
    headers: { [APPROVER_KEY_HEADER]: key },
  });
  return { status: answer.statusCode, requests: (answer.json() as { requests?: ApproverRequest[] }).requests ?? [] };
}

type Decision = { decision: 'approve'; number: number } | { decision: 'deny' };

async function decide(key: string, requestId: string, body: Decision) {
  const answer = await server.app.inject({
    method: 'POST',
    url: ROUTES.approverDecision,
    headers: { [APPROVER_KEY_HEADER]: key },
    payload: { requestId, ...body },
  });
  return { status: answer.statusCode, body: answer.json() as { outcome?: string; error?: { code: string } } };
}

const approvalsOf = (answer: Answer) =>
  (answer.body.flow.step as ManageSecurityInfoStep).methods.filter((m) => m.kind === 'approval');

describe('security info: pairing an approver device', () => {
  it('refuses a wrong number, then pairs with the right one; the link then approves resets', async () => {
    const token = await signedIn('bianca');
    const begun = await calls.begin(token, { kind: 'approval', label: 'Work phone' });
    expect(begun.status).toBe(200);
    const first = proofOf(begun);
    expect(first.approverUrl).toMatch(/^https:\/\/reset\.fabrikam\.example\/approver#key=[\w-]{40,}$/u);
    expect(first.qrSvg).toMatch(/^<svg[\s\S]*<path/u);
    expect(first.qrSvg).not.toMatch(/<script|<style|href=/u);
    // Nothing decided yet: the poll answers the same step.
    expect(proofOf(await poll(token)).number).toBe(first.number);

    const { requests } = await requestsFor(keyOf(first));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ purpose: 'pairing', username: 'bianca' });
    const wrong = first.number === 99 ? 98 : first.number + 1;
    expect((await decide(keyOf(first), requests[0]?.id ?? '', { decision: 'approve', number: wrong })).body)
      .toEqual({ outcome: 'denied' });
    const refused = await poll(token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('APPROVER_PAIRING_REFUSED');
    expect(approvalsOf(await calls.show(token))).toEqual([]);

    const second = proofOf(await calls.begin(token, { kind: 'approval', label: 'Work phone' }));
    const [pairing] = (await requestsFor(keyOf(second))).requests;
    expect((await decide(keyOf(second), pairing?.id ?? '', { decision: 'approve', number: second.number })).body)
      .toEqual({ outcome: 'approved' });
    const saved = await poll(token);
    expect(approvalsOf(saved)).toMatchObject([{ maskedTarget: 'Work phone', fromDirectory: false, removable: true }]);
    // The paired link now sees the person's sign-in requests (none yet), not a pairing.
    expect(await requestsFor(keyOf(second))).toEqual({ status: 200, requests: [] });
    // One approver per person: no longer offered, and a second device is refused while one is paired.
    expect((saved.body.flow.step as ManageSecurityInfoStep).canAdd).not.toContain('approval');
    expect((await calls.begin(token, { kind: 'approval' })).body.error.code).toBe('SECURITY_INFO_DUPLICATE');

    const reset = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'bianca' },
    });
    const waiting = await call<FlowResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token: reset.body.flowToken,
      body: { methodId: 'approval' },
    });
    const step = waiting.body.flow.step;
    if (step.kind !== 'awaitApproval') throw new Error(step.kind);
    const [signIn] = (await requestsFor(keyOf(second))).requests;
    expect(signIn?.purpose).toBe('signIn');
    await decide(keyOf(second), signIn?.id ?? '', { decision: 'approve', number: step.number ?? 0 });
    expect((await poll(waiting.body.flowToken)).body.flow.step.kind).not.toBe('awaitApproval');
  });

  it('makes the earlier key useless when a new pairing begins, and refuses foreign keys', async () => {
    const token = await signedIn('bianca');
    const first = proofOf(await calls.begin(token, { kind: 'approval' }));
    const [old] = (await requestsFor(keyOf(first))).requests;
    const second = proofOf(await calls.begin(token, { kind: 'approval' }));
    expect(keyOf(second)).not.toBe(keyOf(first));
    expect((await requestsFor(keyOf(first))).status).toBe(400);
    expect((await decide(keyOf(first), old?.id ?? '', { decision: 'approve', number: first.number })).status)
      .toBe(409);

    const [open] = (await requestsFor(keyOf(second))).requests;
    const stranger = randomBytes(24).toString('base64url');
    expect((await requestsFor(stranger)).status).toBe(400);
    expect((await decide(stranger, open?.id ?? '', { decision: 'approve', number: second.number })).status).toBe(409);
    // Another person's registered device neither sees nor decides the pairing.
    const isabel = demoUser('isabel').approver?.key ?? '';
    expect((await requestsFor(isabel)).requests.some((r) => r.id === open?.id)).toBe(false);
    expect((await decide(isabel, open?.id ?? '', { decision: 'approve', number: second.number })).status).toBe(409);
    // The pairing is still open for its own device; nothing was saved meanwhile.
    expect(proofOf(await poll(token)).number).toBe(second.number);
    expect(await devicesWith(keyOf(first))).toEqual([]);
    expect(await devicesWith(keyOf(second))).toEqual([]);
  });

  it('saves exactly once under parallel approvals and parallel polls of one pairing', async () => {
    const token = await signedIn('bianca');
    const proof = proofOf(await calls.begin(token, { kind: 'approval' }));
    const [pairing] = (await requestsFor(keyOf(proof))).requests;
    const decisions = await Promise.all(
      Array.from({ length: 6 }, () =>
        decide(keyOf(proof), pairing?.id ?? '', { decision: 'approve', number: proof.number }),
      ),
    );
    expect(decisions.filter((d) => d.body.outcome === 'approved')).toHaveLength(1);
    const polls = await Promise.all(Array.from({ length: 6 }, () => poll(token)));
    const saves = polls.filter((p) => p.status === 200 && p.body.flow.step.kind === 'manageSecurityInfo');
    expect(saves).toHaveLength(1);
    expect(await devicesWith(keyOf(proof))).toHaveLength(1);
  });

  it('expires after the approval lifetime, and a removed device can no longer approve a reset', async () => {
    const token = await signedIn('bianca');
    const late = proofOf(await calls.begin(token, { kind: 'approval' }));
    server.clock.advanceMinutes(3);
    expect((await requestsFor(keyOf(late))).status).toBe(400);
    const expired = await poll(token);
    expect(expired.body.error.code).toBe('APPROVER_PAIRING_EXPIRED');

    const proof = proofOf(await calls.begin(token, { kind: 'approval' }));
    const [pairing] = (await requestsFor(keyOf(proof))).requests;
    await decide(keyOf(proof), pairing?.id ?? '', { decision: 'approve', number: proof.number });
    const [device] = approvalsOf(await poll(token));

    const reset = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'bianca' },
    });
    const waiting = await call<FlowResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token: reset.body.flowToken,
      body: { methodId: 'approval' },
    });
    const step = waiting.body.flow.step;
    if (step.kind !== 'awaitApproval') throw new Error(step.kind);
    const [signIn] = (await requestsFor(keyOf(proof))).requests;
    expect(signIn).toBeDefined();

    const removed = await calls.remove(token, device?.id ?? '');
    expect(approvalsOf(removed)).toEqual([]);
    expect((removed.body.flow.step as ManageSecurityInfoStep).canAdd).toContain('approval');
    expect((await requestsFor(keyOf(proof))).status).toBe(400);
    const refused = await decide(keyOf(proof), signIn?.id ?? '', { decision: 'approve', number: step.number ?? 0 });
    expect(refused.status).toBe(409);
    // The reset's own poll: the method went with the device, so the reset cannot pass through it any more.
    expect((await poll(waiting.body.flowToken)).body.error.code).toBe('METHOD_UNAVAILABLE');
  });
});

/** The registered approver devices whose key is `key` (only its SHA-256 is stored). */
function devicesWith(key: string) {
  const hash = createHash('sha256').update(key).digest('hex');
  const { db } = server.runtime.store;
  return db.selectFrom('method_registrations').selectAll().where('lookup_hash', '=', hash).execute();
}
