import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { DemoOutboxMessage, ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { TEST_SCRYPT_COST } from '../support/server-fixtures';

export type Answer = FlowResponse & ErrorResponse;

export interface HttpAnswer {
  status: number;
  body: Answer;
  headers: Headers;
}

/** One full server instance listening on loopback (real HTTP), and a client for it. */
export interface Instance {
  server: RunningServer;
  call(method: 'GET' | 'POST' | 'DELETE', path: string, options?: { token?: string; body?: unknown }): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export interface SharedSetup {
  // The one PostgreSQL database and the one Redis both instances use (no storeUrl: SQLite in the data folder; no
  // redisUrl: the throttles in the store's tables).
  storeUrl?: string;
  redisUrl?: string;
  // The instances' own folder (each gets a data folder of its own in it; the keys folder is shared by configuration).
  root: string;
  policy?: Record<string, unknown>;
  // Another keys folder than the shared one (a misconfigured instance).
  keysDir?: string;
}

/**
 * Starts one instance of the demo (built-in directory in the shared database) on port 0. Both instances name the same
 * keys folder: the keys are configuration, shared like the database (runtime/server-keys-check.ts refuses others).
 */
export async function startInstance(setup: SharedSetup, name: string): Promise<Instance> {
  const dataDir = join(setup.root, name);
  const keysDir = setup.keysDir ?? join(setup.root, 'keys');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const policyFile = join(setup.root, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ captcha: { mode: 'off' }, ...setup.policy }));
  const config = loadServerConfig({
    env: {
      ...(setup.storeUrl === undefined ? {} : { RESETDESK_STORE_URL: setup.storeUrl }),
      ...(setup.redisUrl === undefined ? {} : { RESETDESK_REDIS_URL: setup.redisUrl }),
      RESETDESK_KEYS_DIR: keysDir,
      RESETDESK_POLICY_FILE: policyFile,
      RESETDESK_WIZARD_DIR: join(setup.root, 'no-wizard'),
    },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir },
  });
  const server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, log: false, printOutbox: () => undefined });
  return {
    server,
    async call(method, path, options = {}) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(options.token ? { [FLOW_TOKEN_HEADER]: options.token } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Answer, headers: response.headers };
    },
    close: () => server.close(),
  };
}

const CODE_SENTENCE = /(?:verification code is|verificatiecode is) (\d+)/u;

/** The newest code the demo outbox (rows in the shared database) holds for `to`, asked of either instance. */
export async function latestCode(instance: Instance, to: string): Promise<string> {
  const outbox = (await instance.call('GET', ROUTES.demoOutbox)).body as unknown as { messages: DemoOutboxMessage[] };
  const message = outbox.messages.find((m) => m.to === to && CODE_SENTENCE.test(m.body));
  const code = CODE_SENTENCE.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no code in the outbox for ${to}`);
  return code;
}

/** A wrong code of the same shape as `code` (same length, never equal). */
export function wrongCode(code: string): string {
  return code.replace(/\d$/u, (digit) => String((Number(digit) + 1) % 10));
}
