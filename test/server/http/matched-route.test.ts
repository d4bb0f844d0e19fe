import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, DEVICE_ROUTES, ROUTES } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { errorCodeOf, rawHttp } from '../support/raw-http';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';

// Issue 9 item 2: the device check and `cache-control: no-store` are decided by the route the router matched. Before,
// they matched the raw URL, so `/%61pi/v1/flows` (which the router decodes to /api/v1/flows) skipped the device check.

const UNSIGNED = new Set<string>([
  DEVICE_ROUTES.enroll,
  ROUTES.demoOutbox,
  ROUTES.demoSignIn,
  ROUTES.demoPhone,
  ROUTES.approverRequests,
  ROUTES.approverDecision,
]);
// getFlow and cancelFlow share a path: each path once.
const API_ROUTES = [...new Set([...Object.values(ROUTES), ...Object.values(DEVICE_ROUTES)])].filter((r) =>
  r.startsWith(`${API_PREFIX}/`),
);
const METHODS = ['GET', 'POST', 'DELETE'] as const;

/** Spellings of `route` a router may take for it, or that a client may hope a prefix check misses. */
function variantsOf(route: string): string[] {
  const rest = route.slice(1);
  return [
    `/%61${rest.slice(1)}`, // /%61pi/v1/...
    `/%41${rest.slice(1)}`, // /%41pi/v1/... (upper-case A, encoded)
    `/api/%76${route.slice(6)}`, // /api/%761/... (encoded v)
    route.replace(/\/([a-z])/gu, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`), // every segment's first letter
    `/${route}`, // //api/v1/...
    route.replace(`${API_PREFIX}/`, `${API_PREFIX}//`), // /api/v1//...
    `${route}/`, // trailing slash
    `${route}//`,
    `${route}?x=1`,
    `${route}/?x=1`,
    `${route}#frag`,
    route.toUpperCase(),
    route.replace('/api/', '/API/'),
    route.replace('/api/', '/Api/'),
    `/./${rest}`,
    `/api/v1/../v1/${route.slice(API_PREFIX.length + 1)}`,
    route.replace(`${API_PREFIX}/`, `${API_PREFIX}%2F`),
    `${route};x`,
  ];
}

let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;
let open: RunningServer;

async function start(env: Record<string, string>, dir: string): Promise<RunningServer> {
  const config = loadServerConfig({ env: { RESETDESK_WIZARD_DIR: temp.dir, ...env }, flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: join(temp.dir, dir) } });
  return startServer(config, { scryptCost: TEST_SCRYPT_COST, printOutbox: () => undefined, log: false });
}

beforeAll(async () => {
  temp = makeTempDir();
  // A wizard bundle, so the static wildcard route `/*` exists as it does in production.
  writeFileSync(join(temp.dir, 'index.html'), '<!doctype html><title>wizard</title>');
  server = await start({ RESETDESK_REQUIRE_ENROLLED_DEVICES: '1' }, 'strict');
  open = await start({}, 'open');
});

afterAll(async () => {
  await server.close();
  await open.close();
  temp.remove();
});

const body = (method: string) => (method === 'POST' ? JSON.stringify({ kind: 'reset', username: 'adele' }) : undefined);

describe('protected prefixes are decided by the matched route', () => {
  it('refuses every spelling of every signed API route the same as the canonical path', async () => {
    let checked = 0;
    for (const route of API_ROUTES.filter((r) => !UNSIGNED.has(r))) {
      for (const method of METHODS) {
        const canonical = await rawHttp(server.url, method, route, { body: body(method) });
        if (canonical.status === 404) continue; // no such method on this route
        expect(canonical.status, `${method} ${route}`).toBe(401);
        expect(errorCodeOf(canonical)).toBe('DEVICE_NOT_TRUSTED');
        for (const path of variantsOf(route)) {
          const variant = await rawHttp(server.url, method, path, { body: body(method) });
          // Either the router folds it into the route (then the same refusal) or it reaches no route at all.
          const outcome = `${method} ${path} -> ${variant.status} ${errorCodeOf(variant) ?? ''}`;
          expect([401, 404, 400], outcome).toContain(variant.status);
          if (variant.status === 401) expect(errorCodeOf(variant), outcome).toBe('DEVICE_NOT_TRUSTED');
          if (variant.status === 400) expect(errorCodeOf(variant), outcome).toBe('INVALID_INPUT');
          expect(variant.headers['cache-control'], outcome).toBe('no-store');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('folds encoded, doubled-slash and trailing-slash spellings into the canonical route', async () => {
    for (const path of ['/%61pi/v1/flows', '//api/v1/flows', '/api/v1//flows', '/api/v1/flows/', '/api/v1/%66lows']) {
      const refused = await rawHttp(server.url, 'POST', path, { body: body('POST') });
      expect(refused.status, path).toBe(401);
      expect(errorCodeOf(refused), path).toBe('DEVICE_NOT_TRUSTED');
    }
  });

  it('sends no-store on every spelling of the API and health routes, and lets wizard files be cached', async () => {
    for (const route of [ROUTES.getPublicConfig, ROUTES.health]) {
      for (const path of [route, ...variantsOf(route.startsWith(API_PREFIX) ? route : `${API_PREFIX}/x`)]) {
        const response = await rawHttp(open.url, 'GET', path);
        expect(response.headers['cache-control'], `GET ${path} -> ${response.status}`).toBe('no-store');
      }
    }
    for (const path of ['/%61pi/v1/config', '/api/v1/config/', '//api/v1/config', '//healthz', '/healthz/', '/%68ealthz']) {
      const response = await rawHttp(open.url, 'GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
    const wizard = await rawHttp(open.url, 'GET', '/');
    expect(wizard.status).toBe(200);
    expect(wizard.headers['cache-control']).not.toBe('no-store');
  });

  it('still lets the unsigned routes through unsigned, in every spelling the router folds', async () => {
    for (const path of [ROUTES.demoOutbox, `/%61pi/v1/demo/outbox`, `${ROUTES.demoOutbox}/`]) {
      const response = await rawHttp(server.url, 'GET', path);
      expect(response.status, path).toBe(200);
    }
  });
});
