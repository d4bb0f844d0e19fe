import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { createBuiltinUsers } from '../../../../src-server/src/directory/builtin/builtin-users';
import { DEFAULT_TENANT_ID } from '../../../../src-server/src/store/tenants';
import { PasswordHasher } from '../../../../src-server/src/support/password-hash';
import { call, createTestServer, makeTempDir, TEST_SCRYPT_COST } from '../../support/server-fixtures';
import type { ApiResult, TestServer } from '../../support/server-fixtures';

// A non-demo server with no delivery channel configured: nothing is checked, so nothing is "down" (the methods stay
// offered, as before: messages queue and fail, see delivery-independence.test.ts), the health report lists no
// channel, and a real account and an unknown name get the same chooser.
let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;

beforeAll(async () => {
  temp = makeTempDir();
  const policyFile = join(temp.dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ methods: ['email', 'sms'], captcha: { mode: 'off' } }));
  server = await createTestServer({ demo: false, env: { RESETDESK_POLICY_FILE: policyFile } });
  const { runtime, clock } = server;
  await createBuiltinUsers(
    { db: runtime.store.db, tenantId: DEFAULT_TENANT_ID, hasher: new PasswordHasher(TEST_SCRYPT_COST), clock },
    [{ username: 'nina', displayName: 'Nina Smit', email: 'nina@contoso.example', phone: '+31 6 5555 0101' }],
  );
  runtime.decoySurvey.invalidate();
});

afterAll(async () => {
  await server?.close();
  temp?.remove();
});

function comparable(result: ApiResult): unknown {
  const masked = (key: string, value: unknown) =>
    ['flowToken', 'expiresAt', 'codeExpiresAt', 'maskedTarget'].includes(key) ? typeof value : value;
  return { status: result.status, body: JSON.parse(JSON.stringify(result.body, masked)) as unknown };
}

describe('channel health without a channel', () => {
  it('lists no channel and offers the same methods to a real account and an unknown name', async () => {
    const health = await call(server.app, 'GET', ROUTES.health);
    expect(health.body).toMatchObject({ status: 'ok', channels: [] });
    const known = await call(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'nina' } });
    const unknown = await call(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'x.y' } });
    expect(known.status).toBe(201);
    expect(known.body).toMatchObject({ flow: { step: { methods: [{ id: 'email' }, { id: 'sms' }] } } });
    expect(JSON.stringify(known.body)).not.toContain('unavailableChannels');
    expect(comparable(unknown)).toEqual(comparable(known));
  });
});
