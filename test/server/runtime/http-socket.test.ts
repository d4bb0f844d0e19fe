import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoOutboxSchema, FLOW_TOKEN_HEADER, FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';

// The same reset as the inject tests, over a real TCP socket with fetch: proves listen, JSON over the wire and the
// token header work outside Fastify's in-process injection.

let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  temp = makeTempDir();
  const config = loadServerConfig({
    env: { RESETDESK_WIZARD_DIR: temp.dir },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: temp.dir },
  });
  server = await startServer(config, {
    scryptCost: TEST_SCRYPT_COST,
    printOutbox: () => undefined,
    log: { level: 'info', stream: { write: (line) => logLines.push(line) } },
  });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

async function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify(body),
  });
}

describe('reset server over a real socket', () => {
  it('listens on the loopback address it was given', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
  });

  it("completes Adele's reset with fetch, reading the code from the demo outbox", async () => {
    const adele = DEMO_USERS.find((u) => u.username === 'adele');
    const started = await post(ROUTES.startFlow, { kind: 'reset', username: 'adele' });
    expect(started.status).toBe(201);
    const { flowToken } = FlowResponseSchema.parse(await started.json());

    expect((await post(ROUTES.chooseMethod, { methodId: 'email' }, flowToken)).status).toBe(200);
    const outbox = DemoOutboxSchema.parse(await (await fetch(`${server.url}${ROUTES.demoOutbox}`)).json());
    const code = /code is (\d{6})/u.exec(outbox.messages[0]?.body ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/u);

    const verified = (await (await post(ROUTES.verifyCode, { code }, flowToken)).json()) as FlowResponse;
    expect(verified.flow.step.kind).toBe('newPassword');
    const done = await post(ROUTES.setPassword, { newPassword: 'Green-Valley-58-Oar' }, verified.flowToken);
    expect(done.status).toBe(200);
    expect(((await done.json()) as FlowResponse).flow.step.kind).toBe('done');

    const signIn = async (password: string) =>
      ((await (await post(ROUTES.demoSignIn, { username: 'adele', password })).json()) as { signedIn: boolean })
        .signedIn;
    expect(await signIn('Green-Valley-58-Oar')).toBe(true);
    expect(await signIn(adele?.password ?? '')).toBe(false);

    const current = await fetch(`${server.url}${ROUTES.getFlow}`, { headers: { [FLOW_TOKEN_HEADER]: flowToken } });
    expect(current.headers.get('cache-control')).toBe('no-store');
    expect(current.headers.get('content-security-policy')).toContain("default-src 'self'");

    const log = logLines.join('\n');
    for (const secret of [code, flowToken, 'Green-Valley-58-Oar', adele?.password ?? '-']) {
      expect(log).not.toContain(secret);
    }
  });
});
