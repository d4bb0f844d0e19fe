import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse } from '@resetdesk/shared';
import { CONTENT_SECURITY_POLICY } from '../../../src-server/src/http/security-headers';
import { call, createTestServer, makeTempDir, startFlow } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

describe('wizard hosting', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;

  beforeEach(async () => {
    temp = makeTempDir();
    const wizardDir = join(temp.dir, 'renderer');
    mkdirSync(join(wizardDir, 'assets'), { recursive: true });
    writeFileSync(join(wizardDir, 'index.html'), '<!doctype html><title>ResetDesk</title><div id="root"></div>');
    writeFileSync(join(wizardDir, 'assets', 'app.js'), 'console.log("wizard")');
    writeFileSync(join(wizardDir, '.env'), 'SECRET=1');
    server = await createTestServer({ demo: true, env: { RESETDESK_WIZARD_DIR: wizardDir } });
  });

  afterEach(async () => {
    await server.close();
    temp.remove();
  });

  it('serves the built wizard at / with the strict CSP', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/u);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');

    const script = await server.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['x-content-type-options']).toBe('nosniff');

    expect((await server.app.inject({ method: 'GET', url: '/.env' })).statusCode).not.toBe(200);
    expect((await server.app.inject({ method: 'GET', url: '/assets/' })).statusCode).toBe(404);
    // The API still wins over the static files.
    expect((await call(server.app, 'GET', ROUTES.health)).status).toBe(200);
  });

  it('serves no wizard when the folder has none', async () => {
    const other = await createTestServer({ demo: true });
    try {
      const response = await call<ErrorResponse>(other.app, 'GET', '/');
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    } finally {
      await other.close();
    }
  });
});

describe('unexpected failures', () => {
  it('answer 500 INTERNAL with a correlation id that is also in the log', async () => {
    const server = await createTestServer({ demo: true });
    try {
      // Pull the database away under the running app: every flow call now fails inside the server.
      await server.runtime.store.close();
      const response = await startFlow(server.app, 'adele');
      expect(response.status).toBe(500);
      const body = response.body as unknown as ErrorResponse;
      expect(body.error.code).toBe('INTERNAL');
      const correlationId = body.error.details?.correlationId ?? '';
      expect(correlationId).toMatch(/^[0-9a-f-]{36}$/u);
      expect(body.error.message).not.toMatch(/destroy|kysely|sqlite/iu);
      const logged = server.logLines.map((line) => JSON.parse(line) as { level: number; correlationId?: string });
      expect(logged.some((entry) => entry.level >= 50 && entry.correlationId === correlationId)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
