import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE_ASSET_CACHE_CONTROL } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { precompressAssets } from '../../../scripts/precompress-assets.mjs';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';

// The wizard's files over a real socket, with node:http so that nothing decompresses behind the test's back.

const SCRIPT = `console.log(${JSON.stringify('wizard '.repeat(400))});`;
const HTML = `<!doctype html><title>ResetDesk</title><div id="root"></div><script src="./assets/index-AbCd12_4.js"></script>${'<!-- pad -->'.repeat(40)}`;

let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;

beforeAll(async () => {
  temp = makeTempDir();
  const wizardDir = join(temp.dir, 'renderer');
  mkdirSync(join(wizardDir, 'assets'), { recursive: true });
  writeFileSync(join(wizardDir, 'index.html'), HTML);
  writeFileSync(join(wizardDir, 'assets', 'index-AbCd12_4.js'), SCRIPT);
  writeFileSync(join(wizardDir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(100)}</svg>`);
  expect(precompressAssets(wizardDir)).toBe(3);
  const config = loadServerConfig({
    env: { RESETDESK_WIZARD_DIR: wizardDir },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: join(temp.dir, 'data') },
  });
  server = await startServer(config, {
    scryptCost: TEST_SCRYPT_COST,
    printOutbox: () => undefined,
    log: { level: 'warn', stream: { write: () => undefined } },
  });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('wizard assets over HTTP', () => {
  it('sends brotli when the browser takes it, with Vary and the year-long immutable cache for a hashed name', async () => {
    const answer = await get('/assets/index-AbCd12_4.js', 'gzip, deflate, br');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/javascript/u);
    expect(answer.headers.vary).toMatch(/accept-encoding/iu);
    expect(answer.headers['cache-control']).toBe(IMMUTABLE_ASSET_CACHE_CONTROL);
    expect(answer.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that takes neither', async () => {
    const gzip = await get('/assets/index-AbCd12_4.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    expect(gzip.headers.vary).toMatch(/accept-encoding/iu);

    const plain = await get('/assets/index-AbCd12_4.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE_ASSET_CACHE_CONTROL);
    expect(plain.headers.vary).toMatch(/accept-encoding/iu);

    const identity = await get('/assets/index-AbCd12_4.js', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString()).toBe(SCRIPT);
  });

  it('has the HTML and unhashed files revalidated on every load, compressed too', async () => {
    for (const path of ['/', '/index.html']) {
      const page = await get(path, 'br');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/u);
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(page.body).toString()).toBe(HTML);
      // The strict CSP still comes with the compressed page.
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const icon = await get('/favicon.svg', 'gzip');
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/u);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('never serves the compressed copies by their own names, and keeps the API uncached', async () => {
    expect((await get('/assets/index-AbCd12_4.js.br', 'br')).status).toBe(404);
    expect((await get('/index.html.gz')).status).toBe(404);
    const health = await get('/healthz', 'br');
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
