import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema, ROUTES, ReadinessSchema } from '@resetdesk/shared';
import type { Readiness } from '@resetdesk/shared';
import { ReadinessCheck } from '../../../../src-server/src/http/operations/readiness';
import { freePort } from '../../../browser/support/free-port';
import { DirectoryOutage } from '../../support/directory-outage';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// /readyz: the store (a query), the directory (its health check, here a lookup through a switch that takes it down)
// and each configured channel (as the health monitor tracks it). 200 when all are ready, 503 with a reason code per
// failing part otherwise; never a host, a port or an address in the body. /healthz stays as it was.
let temp: ReturnType<typeof makeTempDir>;
let configFile: string;
const outage = new DirectoryOutage();
let demo: TestServer;

async function readiness(server: TestServer): Promise<{ status: number; body: Readiness; text: string }> {
  const response = await server.app.inject({ method: 'GET', url: ROUTES.ready });
  return { status: response.statusCode, body: ReadinessSchema.parse(response.json()), text: response.body };
}

const partOf = (body: Readiness, part: string) => body.parts.find((p) => p.part === part);

beforeAll(async () => {
  temp = makeTempDir();
  configFile = join(temp.dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ operations: { readiness: { cacheSeconds: 0 } } }));
  demo = await createTestServer({ env: { RESETDESK_CONFIG_FILE: configFile }, wrapDirectory: (d) => outage.wrap(d) });
});

afterAll(async () => {
  await demo?.close().catch(() => undefined);
  temp?.remove();
});

describe('/readyz', () => {
  it('is 200 with every part ready, and /healthz still answers as before', async () => {
    const ready = await readiness(demo);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.parts.map((p) => p.part)).toEqual(['store', 'directory', 'throttles', 'load']);
    expect(ready.body.parts.every((p) => p.ready && p.reason === null)).toBe(true);
    const health = await demo.app.inject({ method: 'GET', url: ROUTES.health });
    expect(health.statusCode).toBe(200);
    expect(HealthSchema.parse(health.json())).toMatchObject({ status: 'ok', channels: [] });
    expect(health.headers['cache-control']).toBe('no-store');
  });

  it('is 503 naming the directory while it is down, and ready again when it is back', async () => {
    outage.down = true;
    try {
      const down = await readiness(demo);
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('not_ready');
      expect(partOf(down.body, 'directory')).toEqual({ part: 'directory', ready: false, reason: 'unavailable' });
      expect(partOf(down.body, 'store')?.ready).toBe(true);
      // The adapter's error text names the host and port; the answer names neither.
      expect(down.text).not.toContain('127.0.0.1');
      expect(down.text).not.toContain('636');
    } finally {
      outage.down = false;
    }
    expect((await readiness(demo)).status).toBe(200);
  });

  it('names a channel that is down by its reason, without its host or port', async () => {
    const port = await freePort();
    const delivery = join(temp.dir, 'delivery.json');
    const email = { host: '127.0.0.1', port, security: 'none', from: { address: 'no-reply@contoso.example' } };
    writeFileSync(delivery, JSON.stringify({ email }));
    const server = await createTestServer({
      demo: false,
      env: { RESETDESK_CONFIG_FILE: configFile, RESETDESK_DELIVERY_FILE: delivery },
    });
    try {
      await server.runtime.prepare();
      const down = await readiness(server);
      expect(down.status).toBe(503);
      const part = partOf(down.body, 'channel:email');
      expect(part?.ready).toBe(false);
      expect(part?.reason).toMatch(/^[A-Z_]+$/u);
      expect(down.text).not.toContain(String(port));
      expect(down.text).not.toContain('127.0.0.1');
      expect(down.text).not.toContain('contoso');
    } finally {
      await server.close();
    }
  });

  it('is 503 naming the store when its query fails', async () => {
    await demo.runtime.store.close();
    const down = await readiness(demo);
    expect(down.status).toBe(503);
    expect(partOf(down.body, 'store')).toEqual({ part: 'store', ready: false, reason: 'query_failed' });
  });
});

describe('ReadinessCheck', () => {
  const settings = (cacheSeconds: number) => ({ cacheSeconds, timeoutMs: 100 });

  it('answers "timeout" for a part that does not answer in time and "check_failed" for one that throws', async () => {
    const check = new ReadinessCheck({
      probes: [
        { part: 'slow', notReady: () => new Promise<null>(() => undefined) },
        { part: 'broken', notReady: () => Promise.reject(new Error('ldap://10.0.0.5 said no')) },
      ],
      channels: null,
      settings: settings(0),
    });
    const report = await check.report();
    expect(report).toEqual({
      status: 'not_ready',
      parts: [
        { part: 'slow', ready: false, reason: 'timeout' },
        { part: 'broken', ready: false, reason: 'check_failed' },
      ],
    });
  });

  it('asks the parts at most once per cacheSeconds, and parallel callers share one round', async () => {
    let asked = 0;
    let down = false;
    const check = new ReadinessCheck({
      probes: [{ part: 'store', notReady: () => ((asked += 1), Promise.resolve(down ? 'query_failed' : null)) }],
      channels: null,
      settings: settings(60),
    });
    const answers = await Promise.all(Array.from({ length: 10 }, () => check.report()));
    expect(asked).toBe(1);
    expect(answers.every((a) => a.status === 'ready')).toBe(true);
    down = true;
    expect((await check.report()).status).toBe('ready');
    expect(asked).toBe(1);
  });
});
