import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChooseMethodRequestSchema,
  ErrorResponseSchema,
  FLOW_TOKEN_HEADER,
  HelpRequestSchema,
  ROUTES,
  StartFlowRequestSchema,
  VerifyCodeRequestSchema,
} from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { createTestServer, startFlow } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Strangers reach these routes. Whatever they send — wrong types, hostile strings, huge values, broken JSON, forged
// tokens — the server must answer with a contract error (never a 5xx, never an undocumented shape) and change nothing.

const STATE_TABLES = ['users', 'flows', 'verification_codes', 'outbox'] as const;

async function snapshot(server: TestServer): Promise<string> {
  const parts: unknown[] = [];
  for (const table of STATE_TABLES) {
    parts.push(await server.runtime.store.db.selectFrom(table).selectAll().execute());
  }
  return JSON.stringify(parts);
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    "admin'--",
    '*)(uid=*))(|(uid=*',
    '<script>alert(1)</script>',
    '${jndi:ldap://x}',
    '__proto__',
    'x'.repeat(20_000),
  ),
);

// Bodies that are almost right are the interesting ones: right keys with wrong values, extra keys, prototype keys.
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ kind: fc.oneof(fc.constant('reset'), hostileString), username: fc.oneof(hostileString, fc.jsonValue()) }),
  fc.record({ methodId: fc.oneof(hostileString, fc.integer(), fc.constant(null)) }),
  fc.record({ code: fc.oneof(hostileString, fc.integer(), fc.array(fc.integer())) }),
  fc.record({ newPassword: fc.oneof(fc.integer(), fc.constant(null), fc.string({ minLength: 1025, maxLength: 1100 })) }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'kind', 'username', 'extra'), fc.jsonValue({ maxDepth: 2 })),
);

const hostileToken = fc.oneof(
  fc.constant(undefined),
  hostileString,
  fc.base64String({ minLength: 44, maxLength: 44 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/u),
);

const routes = [
  { method: 'POST', url: ROUTES.startFlow },
  { method: 'POST', url: ROUTES.chooseMethod },
  { method: 'POST', url: ROUTES.verifyCode },
  { method: 'POST', url: ROUTES.setPassword },
  { method: 'GET', url: ROUTES.getFlow },
  { method: 'DELETE', url: ROUTES.cancelFlow },
  { method: 'POST', url: ROUTES.demoSignIn },
  { method: 'POST', url: ROUTES.getCaptcha },
  { method: 'POST', url: ROUTES.requestHelp },
] as const;

describe('hostile input at every route', () => {
  let server: TestServer;
  let liveToken: string;

  beforeAll(async () => {
    server = await createTestServer({ demo: true });
    // One real flow waiting for a method, so forged bodies also meet a valid token.
    const started = await startFlow(server.app, 'adele');
    liveToken = (started.body as FlowResponse).flowToken;
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers every malformed request with a contract error, never a 5xx, and changes nothing', async () => {
    const before = await snapshot(server);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        hostileBody,
        fc.oneof(hostileToken, fc.constant('live')),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (route, body, token, contentType) => {
          // Requests that happen to be valid (a cancel with the real token, a well-formed start, a real method or code
          // choice) are legitimate traffic, not hostile input: they are allowed to change state.
          fc.pre(!(route.method === 'DELETE' && token === 'live'));
          fc.pre(!(route.url === ROUTES.startFlow && StartFlowRequestSchema.safeParse(body).success));
          fc.pre(!(route.url === ROUTES.chooseMethod && ChooseMethodRequestSchema.safeParse(body).success));
          fc.pre(!(route.url === ROUTES.verifyCode && VerifyCodeRequestSchema.safeParse(body).success));
          fc.pre(!(route.url === ROUTES.requestHelp && HelpRequestSchema.safeParse(body).success));
          const flowToken = token === 'live' ? liveToken : token;
          // The same text under a content type the route does not speak must be refused just as cleanly.
          const payload = JSON.stringify(body) ?? '';
          const response = await server.app.inject({
            method: route.method,
            url: route.url,
            headers: {
              'content-type': contentType,
              ...(flowToken === undefined ? {} : { [FLOW_TOKEN_HEADER]: flowToken }),
            },
            ...(route.method === 'POST' ? { payload } : {}),
          });
          expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(ErrorResponseSchema.safeParse(response.json()).success).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
    // Demo sign-in with junk never matched a password, so not even a failure counter moved.
    expect(await snapshot(server)).toBe(before);
  });

  it('refuses broken JSON and oversized bodies with INVALID_INPUT', async () => {
    const before = await snapshot(server);
    for (const payload of ['{"kind":"reset","username":', '\u0000\u0001', `{"kind":"reset","username":"${'a'.repeat(64_000)}"}`]) {
      const response = await server.app.inject({
        method: 'POST',
        url: ROUTES.startFlow,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('INVALID_INPUT');
    }
    expect(await snapshot(server)).toBe(before);
  });
});
