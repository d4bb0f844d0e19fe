import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponseSchema, ROUTES, ReadinessSchema } from '@resetdesk/shared';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Load shedding with a forced saturation: low limits (20 ms mean delay over a 500 ms sample) and an event loop
// blocked for 2 s, which puts any sample that holds the block far above the limit. The test waits for the server's
// own verdict (isUnderPressure) instead of timing anything, then asks while it holds.
let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;

beforeAll(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'config.json');
  const loadShedding = { maxEventLoopDelayMs: 20, sampleIntervalMs: 500, retryAfterSeconds: 7 };
  writeFileSync(file, JSON.stringify({ operations: { loadShedding, readiness: { cacheSeconds: 0 } } }));
  server = await createTestServer({ env: { RESETDESK_CONFIG_FILE: file, RESETDESK_LOAD_SHEDDING: 'on' } });
});

afterAll(async () => {
  await server?.close();
  temp?.remove();
});

function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else runs on this loop meanwhile
  }
}

const get = (url: string) => server.app.inject({ method: 'GET', url });

describe('load shedding', () => {
  it('answers 503 SERVER_BUSY with Retry-After while the loop is saturated; health, readiness and metrics answer', async () => {
    await expect.poll(() => server.app.isUnderPressure(), { timeout: 10_000 }).toBe(false);
    expect((await get(ROUTES.getPublicConfig)).statusCode).toBe(200);

    blockEventLoop(2000);
    await expect.poll(() => server.app.isUnderPressure(), { timeout: 10_000, interval: 5 }).toBe(true);
    const [api, start, health, ready, metrics] = await Promise.all([
      get(ROUTES.getPublicConfig),
      server.app.inject({ method: 'POST', url: ROUTES.startFlow, payload: { kind: 'reset', username: 'adele' } }),
      get(ROUTES.health),
      get(ROUTES.ready),
      get(ROUTES.metrics),
    ]);
    for (const shed of [api, start]) {
      expect(shed.statusCode).toBe(503);
      expect(shed.headers['retry-after']).toBe('7');
      expect(ErrorResponseSchema.parse(shed.json()).error).toMatchObject({
        code: 'SERVER_BUSY',
        details: { retryAfterSeconds: 7 },
      });
    }
    expect(health.statusCode).toBe(200);
    expect(ready.statusCode).toBe(503);
    expect(ReadinessSchema.parse(ready.json()).parts).toContainEqual({ part: 'load', ready: false, reason: 'saturated' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^resetdesk_load_shed_total\{reason="eventLoopDelay"\} [1-9]/mu);
    // Nothing was done for the shed start: no flow row, no audit row.
    expect(await server.runtime.audit.list({ username: 'adele' })).toEqual([]);

    await expect.poll(() => server.app.isUnderPressure(), { timeout: 10_000 }).toBe(false);
    expect((await get(ROUTES.getPublicConfig)).statusCode).toBe(200);
    expect((await get(ROUTES.ready)).statusCode).toBe(200);
  });
});
