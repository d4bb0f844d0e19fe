import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { DemoOutboxMessage, FlowResponse, MethodKind } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import type { ServerConfig } from '../../../src-server/src/config/server-config';
import type { Delivery } from '../../../src-server/src/delivery/delivery';
import type { ScryptCost } from '../../../src-server/src/support/password-hash';
import { createServerRuntime } from '../../../src-server/src/runtime/server-runtime';
import type { RuntimeOptions, ServerRuntime } from '../../../src-server/src/runtime/server-runtime';
import type { Clock } from '../../../src-server/src/support/clock';
import { testStoreEnv } from './test-store-env';

/** Cheap scrypt for tests (production cost is ~0.3 s per hash); production code never uses it by default. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start = new Date('2026-03-02T09:00:00.000Z')) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export function makeTempDir(prefix = 'resetdesk-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer {
  runtime: ServerRuntime;
  app: FastifyInstance;
  clock: ManualClock;
  config: ServerConfig;
  // Every line the HTTP logger wrote and every console copy the dev outbox printed.
  logLines: string[];
  outboxPrints: string[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  demo?: boolean;
  env?: Record<string, string>;
  dataDir?: string;
  // Replaces the delivery channel behind the queue (a fake that fails, for example).
  channel?: Delivery;
  wrapDirectory?: RuntimeOptions['wrapDirectory'];
  // Where a request is held or cut off on purpose (test/server/faults/).
  seams?: RuntimeOptions['seams'];
}

export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const temp = options.dataDir ? null : makeTempDir();
  const config = loadServerConfig({
    env: {
      RESETDESK_WIZARD_DIR: join(temp?.dir ?? options.dataDir ?? tmpdir(), 'no-wizard'),
      ...(await testStoreEnv()),
      // A test's own work shares this event loop (a big compile, a blocking hash): no shedding unless a test asks.
      RESETDESK_LOAD_SHEDDING: 'off',
      ...options.env,
    },
    flags: { demo: options.demo ?? true, port: 0, dataDir: options.dataDir ?? join(temp?.dir ?? '', 'data') },
  });
  const clock = new ManualClock();
  const logLines: string[] = [];
  const outboxPrints: string[] = [];
  const runtime = await createServerRuntime(config, {
    clock,
    scryptCost: TEST_SCRYPT_COST,
    printOutbox: (text) => outboxPrints.push(text),
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.wrapDirectory ? { wrapDirectory: options.wrapDirectory } : {}),
    ...(options.seams ? { seams: options.seams } : {}),
    log: { level: 'trace', stream: { write: (line) => logLines.push(line) } },
  });
  await runtime.app.ready();
  return {
    runtime,
    app: runtime.app,
    clock,
    config,
    logLines,
    outboxPrints,
    async close() {
      await runtime.close();
      temp?.remove();
    },
  };
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Calls the API through `inject` (no socket) with an optional flow token. */
export async function call<T = unknown>(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const response = await app.inject({
    method,
    url,
    headers: options.token ? { [FLOW_TOKEN_HEADER]: options.token } : {},
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  return {
    status: response.statusCode,
    body: (response.body ? response.json() : undefined) as T,
    headers: response.headers,
  };
}

/**
 * An unknown name whose decoy offers `kind` (decoys draw their methods from the tenant's accounts, stable per name):
 * for tests that walk a decoy through one particular method.
 */
export async function decoyNameWith(server: TestServer, kind: MethodKind, prefix = 'nobody'): Promise<string> {
  for (let i = 0; i < 500; i += 1) {
    const name = i === 0 ? prefix : `${prefix}${i}`;
    if ((await server.runtime.directory.findUser(name)) !== null) continue;
    const started = await server.runtime.flows.start({ kind: 'reset', username: name }, { ip: '192.0.2.250' });
    const step = started.flow.step;
    await server.runtime.flows.cancel(started.flowToken, { ip: '192.0.2.250' });
    if (step.kind === 'chooseMethod' && step.methods.some((m) => m.kind === kind)) return name;
  }
  throw new Error(`no decoy offers ${kind}`);
}

export async function startFlow(app: FastifyInstance, username: string): Promise<ApiResult<FlowResponse>> {
  return call<FlowResponse>(app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
}

// The code's sentence in an email, in English or Dutch (the flow's language).
const CODE_SENTENCE = /(?:verification code is|verificatiecode is) (\d+)/u;

/** The newest code the dev outbox sent to `to`, read through the demo outbox endpoint. */
export async function latestCodeFor(app: FastifyInstance, to: string): Promise<string> {
  const outbox = await call<{ messages: DemoOutboxMessage[] }>(app, 'GET', ROUTES.demoOutbox);
  const message = outbox.body.messages.find((m) => m.to === to && CODE_SENTENCE.test(m.body));
  const code = CODE_SENTENCE.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no code in the outbox for ${to}`);
  return code;
}
