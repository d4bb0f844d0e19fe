import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { createPolicyServer } from '../../support/policy-server';
import type { TestServer } from '../../support/server-fixtures';

// The server's own log must not tell who exists either: an administrator (or whoever reads the logs) sees the same
// lines, with the same fields, for a real account's start and an unknown name's, including the code's send (the
// decoy's pretend send logs the line a real one does). Values (ids, times, detail) differ; the sequence may not.
let server: TestServer;

beforeAll(async () => {
  // Email only, so that a decoy is offered the method a real account is. No CAPTCHA: the wrong passwords below
  // would switch it on for the later starts from this one address.
  server = await createPolicyServer({ methods: ['email'], captcha: { mode: 'off' } });
  // The tenant survey (decoy-flows.ts) is taken before the first start, as the serve command does.
  await server.runtime.prepare();
});

afterAll(() => server.close());

// What pino adds to every line, and the request's own id: the same keys on every line, values that always differ.
const PER_LINE = new Set(['level', 'time', 'pid', 'hostname', 'reqId']);

/**
 * The lines of one request: message, field names (never values) and the directory operation (a fixed label), the
 * per-line fields left out.
 */
function linesOf(requestId: string): string[] {
  return server.logLines
    .flatMap((chunk) => chunk.split('\n').filter((raw) => raw.length > 0))
    .map((raw) => JSON.parse(raw) as Record<string, unknown>)
    .filter((line) => line.reqId === requestId)
    .map((line) => `${String(line.msg)} ${String(line.operation)} [${Object.keys(line).filter((key) => !PER_LINE.has(key)).sort().join(',')}]`);
}

async function post(url: string, body: object, token?: string, expectOk = true) {
  const response = await server.app.inject({
    method: 'POST',
    url,
    headers: token ? { [FLOW_TOKEN_HEADER]: token } : {},
    payload: body,
  });
  if (expectOk) expect(response.statusCode, response.body).toBeLessThan(300);
  return { body: response.json<FlowResponse>(), lines: linesOf(String(response.headers['x-request-id'])) };
}

/** A reset's start and its first code, for `username`: each request's log lines. */
async function startAndSend(username: string) {
  const started = await post(ROUTES.startFlow, { kind: 'reset', username });
  const step = started.body.flow.step;
  if (step.kind !== 'chooseMethod') throw new Error(step.kind);
  const chosen = await post(ROUTES.chooseMethod, { methodId: step.methods[0]?.id ?? '' }, started.body.flowToken);
  return { start: started.lines, choose: chosen.lines };
}

describe('the log lines of a start', () => {
  it('are the same for a real account and an unknown name, the code sent or pretended', async () => {
    const real = await startAndSend('adele');
    const unknown = await startAndSend('nobody-here-at-all');
    expect(real.choose.some((line) => line.startsWith('message queued'))).toBe(true);
    expect(unknown.start).toEqual(real.start);
    expect(unknown.choose).toEqual(real.choose);
  });

  it('are the same for a change flow: its start and a wrong old password', async () => {
    const tried = async (username: string) => {
      const started = await post(ROUTES.startFlow, { kind: 'change', username });
      const body = { oldPassword: 'Not-The-Password-17', newPassword: 'Quiet-Lantern-Harbor-58' };
      const refused = await post(ROUTES.changePassword, body, started.body.flowToken, false);
      return { start: started.lines, change: refused.lines };
    };
    const real = await tried('diego');
    const unknown = await tried('nobody-else-at-all');
    expect(real.change.some((line) => line.startsWith('directory call verifyPassword'))).toBe(true);
    expect(unknown.start).toEqual(real.start);
    expect(unknown.change).toEqual(real.change);
  });

  it('are the same for a security-info sign-in: a wrong password and a wrong Temporary Access Pass', async () => {
    const tried = async (username: string) => {
      const started = await post(ROUTES.startFlow, { kind: 'register', username });
      const password = await post(ROUTES.signIn, { password: 'Not-The-Password-17' }, started.body.flowToken, false);
      const again = await post(ROUTES.startFlow, { kind: 'register', username });
      const pass = await post(ROUTES.signInWithTap, { pass: '1234567890' }, again.body.flowToken, false);
      return { start: started.lines, password: password.lines, pass: pass.lines };
    };
    const real = await tried('frank');
    const unknown = await tried('nobody-there-at-all');
    // The account is read again at the sign-in: a decoy reads the name of nobody (one more round trip on LDAP).
    expect(real.password.some((line) => line.startsWith('directory call findUser'))).toBe(true);
    expect(real.pass.some((line) => line.startsWith('directory call findUser'))).toBe(true);
    expect(unknown.start).toEqual(real.start);
    expect(unknown.password).toEqual(real.password);
    expect(unknown.pass).toEqual(real.pass);
  });
});
