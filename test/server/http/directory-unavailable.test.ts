import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DirectoryOutage } from '../support/directory-outage';
import { call, createTestServer, latestCodeFor, startFlow } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

let server: TestServer;
let outage: DirectoryOutage;

beforeEach(async () => {
  outage = new DirectoryOutage();
  server = await createTestServer({ wrapDirectory: (directory) => outage.wrap(directory) });
});

afterEach(async () => {
  await server.close();
});

describe('the directory down', () => {
  it('answers DIRECTORY_UNAVAILABLE (not a 5xx), the same for a known and an unknown name', async () => {
    outage.down = true;
    const known = await startFlow(server.app, 'adele');
    const unknown = await startFlow(server.app, 'nobody-at-all');
    for (const response of [known, unknown]) {
      expect(response.status).toBe(424);
      expect((response.body as unknown as ErrorResponse).error.code).toBe('DIRECTORY_UNAVAILABLE');
    }
    expect(Object.keys(known.body)).toEqual(Object.keys(unknown.body));
    expect(JSON.stringify(known.body).replace('adele', '')).toBe(JSON.stringify(unknown.body));
    // The outage is logged for the operator, without any secret.
    expect(server.logLines.some((line) => line.includes('DIRECTORY_UNAVAILABLE'))).toBe(true);
  });

  it('keeps the password when the directory goes down at the last step, and works once it is back', async () => {
    const started = await startFlow(server.app, 'adele');
    const token = started.body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(server.app, 'adele@contoso.example');
    const verified = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    expect(verified.body.flow.step.kind).toBe('newPassword');

    const next = verified.body.flowToken;
    outage.down = true;
    const failed = await call<ErrorResponse>(server.app, 'POST', ROUTES.setPassword, {
      token: next,
      body: { newPassword: 'Blue-Harbor-42-Kite' },
    });
    expect(failed.status).toBe(424);
    expect(failed.body.error.code).toBe('DIRECTORY_UNAVAILABLE');

    outage.down = false;
    const done = await call<FlowResponse>(server.app, 'POST', ROUTES.setPassword, {
      token: next,
      body: { newPassword: 'Blue-Harbor-42-Kite' },
    });
    expect(done.status).toBe(200);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(await server.runtime.directory.verifyPassword('adele', 'Blue-Harbor-42-Kite')).toBe('ok');
  });
});
