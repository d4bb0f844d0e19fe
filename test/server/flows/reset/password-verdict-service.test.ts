import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, PASSWORD_VERDICTS_PER_MINUTE, PasswordVerdictSchema, ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, startFlow } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

let server: TestServer;

beforeEach(async () => {
  server = await createTestServer({ demo: true });
});
afterEach(async () => {
  await server.close();
});

async function verifiedFlow(username: string): Promise<string> {
  const token = (await startFlow(server.app, username)).body.flowToken;
  await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  const email = DEMO_USERS.find((u) => u.username === username)?.email ?? '';
  const code = await latestCodeFor(server.app, email);
  const verified = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
  expect(verified.body.flow.step.kind).toBe('newPassword');
  // A passed gate rotates the flow token: the verdicts go with the new one.
  return verified.body.flowToken;
}

const verdict = (token: string, newPassword: string) =>
  call(server.app, 'POST', ROUTES.checkPassword, { token, body: { newPassword } });

describe('live password verdict', () => {
  it('gives the same verdict as the final check, with the findings, after verification', async () => {
    const token = await verifiedFlow('adele');
    const banned = await verdict(token, 'C0ntos0Blank12');
    expect(banned.status).toBe(200);
    expect(PasswordVerdictSchema.parse(banned.body)).toEqual({
      ok: false,
      reasons: ['BANNED_PASSWORD'],
      findings: { bannedTerms: ['contoso', 'blank'], points: 4, pointsNeeded: 5 },
    });
    expect((await verdict(token, 'V@nce-Harbor-88!')).body).toEqual({ ok: false, reasons: ['CONTAINS_USER_NAME'] });
    expect((await verdict(token, 'Jennifer1')).body).toMatchObject({ ok: false });
    expect((await verdict(token, 'ContoS0Bl@nkf9!')).body).toEqual({ ok: true, reasons: [] });
    // The final answer agrees.
    const set = await call<ErrorResponse>(server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'C0ntos0Blank12' },
    });
    expect(set.body.error.details).toEqual({
      reasons: ['BANNED_PASSWORD'],
      password: { bannedTerms: ['contoso', 'blank'], points: 4, pointsNeeded: 5 },
    });
  });

  it('is refused before verification, for a decoy, and without a flow', async () => {
    const started = (await startFlow(server.app, 'adele')).body.flowToken;
    const early = await verdict(started, 'ContoS0Bl@nkf9!');
    expect((early.body as ErrorResponse).error.code).toBe('FLOW_STEP_MISMATCH');
    const decoy = (await startFlow(server.app, 'nobody-here')).body.flowToken;
    expect(((await verdict(decoy, 'ContoS0Bl@nkf9!')).body as ErrorResponse).error.code).toBe('FLOW_STEP_MISMATCH');
    expect(((await verdict('x'.repeat(43), 'a')).body as ErrorResponse).error.code).toBe('FLOW_EXPIRED');
  });

  it(`allows ${PASSWORD_VERDICTS_PER_MINUTE} a minute per flow, counted exactly under parallel requests`, async () => {
    const token = await verifiedFlow('adele');
    const answers = await Promise.all(
      Array.from({ length: PASSWORD_VERDICTS_PER_MINUTE + 10 }, (_, i) => verdict(token, `Kite-Harbor-${i}x`)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(PASSWORD_VERDICTS_PER_MINUTE);
    const limited = answers.filter((a) => a.status !== 200).map((a) => (a.body as ErrorResponse).error);
    expect(limited).toHaveLength(10);
    expect(limited.every((e) => e.code === 'RATE_LIMITED' && (e.details?.retryAfterSeconds ?? 0) >= 1)).toBe(true);
    server.clock.advanceMinutes(1.1);
    expect((await verdict(token, 'Kite-Harbor-x')).status).toBe(200);
  });

  it('answers only the address that drives the flow (the flow-binding rule), as an unknown token', async () => {
    const token = await verifiedFlow('adele');
    const elsewhere = await server.app.inject({
      method: 'POST',
      url: ROUTES.checkPassword,
      remoteAddress: '192.0.2.77',
      headers: { [FLOW_TOKEN_HEADER]: token },
      payload: { newPassword: 'ContoS0Bl@nkf9!' },
    });
    expect((elsewhere.json() as ErrorResponse).error.code).toBe('FLOW_EXPIRED');
    expect((await verdict(token, 'ContoS0Bl@nkf9!')).status).toBe(200);
  });

  it('never writes the typed password into the log', async () => {
    const token = await verifiedFlow('adele');
    await verdict(token, 'Secret-Meadow-Lantern-42');
    expect(server.logLines.join('\n')).not.toContain('Secret-Meadow-Lantern-42');
  });
});
