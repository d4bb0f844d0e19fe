import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startResetServer } from '../browser/support/reset-server-process';

/**
 * The real Electron app, driven by Playwright's _electron: it runs wherever an Electron binary exists (the release
 * workflow points RESETDESK_ELECTRON_BINARY at the packaged app; a developer machine with internet has
 * node_modules/electron/dist). Here the binary cannot be downloaded, and the test says so instead of pretending.
 */
function findElectronBinary(): { path: string | null; why: string } {
  const fromEnv = process.env.RESETDESK_ELECTRON_BINARY;
  if (fromEnv) {
    return existsSync(fromEnv) ? { path: fromEnv, why: '' } : { path: null, why: `RESETDESK_ELECTRON_BINARY=${fromEnv} does not exist` };
  }
  const pathFile = resolve('node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      why: 'no Electron binary: node_modules/electron was installed with ELECTRON_SKIP_BINARY_DOWNLOAD and the binary cannot be downloaded here (set RESETDESK_ELECTRON_BINARY to run it)',
    };
  }
  const binary = join(resolve('node_modules/electron/dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, why: '' } : { path: null, why: `${binary} is missing` };
}

const binary = findElectronBinary();
if (binary.path === null) console.warn(`[electron smoke test] SKIPPED: ${binary.why}`);

describe('Electron smoke test', () => {
  it.skipIf(binary.path === null)(
    binary.path === null ? `skipped: ${binary.why}` : 'starts sandboxed, shows the first screen and refuses Node in the page',
    async () => {
      const server = await startResetServer({ demo: true });
      const packaged = process.env.RESETDESK_ELECTRON_BINARY !== undefined;
      const app = await electron.launch({
        executablePath: binary.path ?? '',
        args: packaged ? [] : [resolve('dist/main/main.js')],
        env: { ...process.env, RESETDESK_SERVER_URL: server.url },
      });
      try {
        const page = await app.firstWindow();
        await expect.poll(() => page.locator('main[data-screen="username"]').count(), { timeout: 30_000 }).toBe(1);
        expect(page.url()).toBe('resetdesk://app/index.html');
        expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
        expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      } finally {
        await app.close();
        await server.stop();
      }
    },
  );
});
