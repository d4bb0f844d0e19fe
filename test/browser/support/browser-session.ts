import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startResetServer, type RunningResetServer } from './reset-server-process';

/** What a browser test file works with: the demo server's address and fresh browser contexts. */
export interface BrowserSession {
  readonly url: string;
  /** The demo server's data directory (its database, for the tests that look inside). */
  readonly dataDir: string;
  /** Everything the demo server wrote so far (for the "no secret in any log" checks). */
  output(): string;
  /** A new context (a fresh profile), closed after the test that opened it. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * The browser tests' common boot: one demo reset server process (with `policy` as its policy file, when given) and
 * one Chromium for the file, a context per test; everything is stopped and removed after the file.
 */
export function useDemoBrowser(options: { policy?: object } = {}): BrowserSession {
  let server: RunningResetServer | undefined;
  let browser: Browser | undefined;
  let policyDir: string | undefined;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (options.policy) {
      policyDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-policy-'));
      env.RESETDESK_POLICY_FILE = path.join(policyDir, 'policy.json');
      writeFileSync(env.RESETDESK_POLICY_FILE, JSON.stringify(options.policy));
    }
    server = await startResetServer({ demo: true, env });
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  return {
    get url(): string {
      if (!server) throw new Error('the demo server is not started');
      return server.url;
    },
    get dataDir(): string {
      if (!server) throw new Error('the demo server is not started');
      return server.dataDir;
    },
    output(): string {
      return server?.output() ?? '';
    },
    async newContext(contextOptions?: BrowserContextOptions): Promise<BrowserContext> {
      if (!browser) throw new Error('Chromium is not started');
      const context = await browser.newContext(contextOptions);
      open.push(context);
      return context;
    },
  };
}
