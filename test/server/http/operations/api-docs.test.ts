import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, ROUTES, httpOf, isRemoteOperation } from '@resetdesk/shared';
import { CONTENT_SECURITY_POLICY } from '../../../../src-server/src/http/security-headers';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// /docs: the OpenAPI 3.1 document is generated from the routes' own zod schemas, is valid against the 3.1 schema,
// lists every declared operation with its status codes, and lists the demo routes only where they exist (demo mode).
interface Operation {
  operationId?: string;
  tags?: string[];
  responses: Record<string, unknown>;
  'x-demo-only'?: boolean;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const DEMO_ROUTES = [ROUTES.demoOutbox, ROUTES.demoSignIn, ROUTES.demoPhone];
let demo: TestServer;
let plain: TestServer;
let temp: ReturnType<typeof makeTempDir>;

async function documentOf(server: TestServer): Promise<Document> {
  const response = await server.app.inject({ method: 'GET', url: `${ROUTES.docs}/json` });
  expect(response.statusCode).toBe(200);
  return response.json<Document>();
}

beforeAll(async () => {
  temp = makeTempDir();
  demo = await createTestServer({ demo: true });
  plain = await createTestServer({ demo: false });
});

afterAll(async () => {
  await demo?.close();
  await plain?.close();
  temp?.remove();
});

describe('the OpenAPI document at /docs/json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    for (const server of [demo, plain]) {
      const document = await documentOf(server);
      expect(document.openapi).toBe('3.1.0');
      const validator = new Validator();
      const result = await validator.validate(document as unknown as Record<string, unknown>);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
    }
  });

  it('lists every declared operation at its method and path, with its success status and the error ranges', async () => {
    const document = await documentOf(plain);
    const remote = OPERATION_NAMES.filter(isRemoteOperation);
    expect(remote.length).toBeGreaterThan(10);
    for (const name of remote) {
      const { method, path, successStatus } = httpOf(name);
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, `${name}: ${method} ${path}`).toBeDefined();
      const statuses = Object.keys(operation?.responses ?? {});
      expect(statuses).toEqual(expect.arrayContaining([String(successStatus), '4XX', '5XX']));
      expect(operation?.tags).toEqual(['wizard']);
      const shared = remote.filter((other) => httpOf(other).path === path && httpOf(other).method === method);
      expect(operation?.operationId).toBe(shared.length > 1 ? 'startFlow' : name);
    }
    // The starts share one route: its body's kind says which of them.
    expect(remote.filter((name) => OPERATIONS[name].relay === 'start')).toHaveLength(4);
    const start = document.paths[ROUTES.startFlow]?.['post'] as unknown as { requestBody: unknown };
    expect(JSON.stringify(start.requestBody)).toContain('"kind"');
  });

  it('describes the operations endpoints, and not the wizard page nor itself', async () => {
    const document = await documentOf(plain);
    expect(document.paths[ROUTES.health]?.['get']?.tags).toEqual(['operations']);
    expect(Object.keys(document.paths[ROUTES.ready]?.['get']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '503']),
    );
    expect(document.paths[ROUTES.metrics]).toBeDefined();
    expect(Object.keys(document.paths).filter((path) => !path.startsWith('/api/') && !path.endsWith('z'))).toEqual([
      ROUTES.metrics,
    ]);
  });

  it('lists the demo routes, marked demo-only, only in demo mode; outside it they do not exist', async () => {
    const inDemo = await documentOf(demo);
    for (const path of DEMO_ROUTES) {
      const operations = Object.values(inDemo.paths[path] ?? {});
      expect(operations.length, path).toBe(1);
      expect(operations[0]?.['x-demo-only']).toBe(true);
      expect(operations[0]?.tags).toEqual(['demo']);
    }
    const outside = await documentOf(plain);
    for (const path of DEMO_ROUTES) {
      expect(outside.paths[path]).toBeUndefined();
      const method = path === ROUTES.demoOutbox ? 'GET' : 'POST';
      const answer = await plain.app.inject({ method, url: path, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(answer.statusCode).toBe(404);
    }
    expect(Object.values(outside.paths).flatMap((p) => Object.values(p)).some((o) => o['x-demo-only'])).toBe(false);
  });
});

describe('the viewer at /docs', () => {
  it('serves the Swagger UI under the wizard\'s CSP, from this origin only', async () => {
    const page = await plain.app.inject({ method: 'GET', url: ROUTES.docs });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('/docs/static/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/u);
    const initializer = await plain.app.inject({ method: 'GET', url: `${ROUTES.docs}/static/swagger-initializer.js` });
    expect(initializer.statusCode).toBe(200);
    expect(initializer.body).toContain('"validatorUrl":null');
  });

  it('is absent when operations.docs.enabled is false', async () => {
    const file = join(temp.dir, 'no-docs.json');
    writeFileSync(file, JSON.stringify({ operations: { docs: { enabled: false } } }));
    const server = await createTestServer({ demo: false, env: { RESETDESK_CONFIG_FILE: file } });
    try {
      expect((await server.app.inject({ method: 'GET', url: ROUTES.docs })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'GET', url: `${ROUTES.docs}/json` })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'GET', url: ROUTES.health })).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });
});
