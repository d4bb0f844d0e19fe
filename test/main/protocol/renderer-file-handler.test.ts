import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRendererFileHandler, resolveRendererPath } from '../../../src-main/protocol/renderer-file-handler';
import { IMMUTABLE_ASSET_CACHE_CONTROL } from '@resetdesk/shared';
import { WIZARD_CONTENT_SECURITY_POLICY } from '../../../src-main/security/content-security-policy';

const ORIGIN = 'resetdesk://app';
let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'resetdesk-renderer-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>ResetDesk</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-AbCd12_4.js'), 'console.log(2)');
  await writeFile(join(root, 'assets', 'index-AbCd12_4.js.br'), 'compressed copy for the reset server');
  await writeFile(join(root, 'assets', 'notes.txt'), 'not a web asset');
  await writeFile(join(base, 'secret.json'), '{"secret":true}');
  await symlink(join(base, 'secret.json'), join(root, 'assets', 'link.json'));
  handle = createRendererFileHandler({ rootDir: root, origin: ORIGIN, contentSecurityPolicy: WIZARD_CONTENT_SECURITY_POLICY });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

// Node's Request only takes http(s) URLs; Electron's handler gets the real resetdesk:// URL. The handler reads
// `url` and `method` only, so a minimal stand-in is enough here.
const get = (url: string, method = 'GET') => handle({ url, method } as Request);

describe('renderer file handler', () => {
  it('serves the built files with their type, the CSP and nosniff', async () => {
    const index = await get(`${ORIGIN}/index.html`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(WIZARD_CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('ResetDesk');

    const script = await get(`${ORIGIN}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    expect((await get(`${ORIGIN}/`)).status).toBe(200);
  });

  it.each([
    `${ORIGIN}/../secret.json`,
    `${ORIGIN}/%2e%2e/secret.json`,
    `${ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.json`,
    `${ORIGIN}/assets/..%5c..%5csecret.json`,
    `${ORIGIN}/assets/link.json`,
    `${ORIGIN}/assets/notes.txt`,
    `${ORIGIN}/assets/`,
    `${ORIGIN}/assets`,
    `${ORIGIN}/missing.js`,
    `${ORIGIN}/index.html%00.js`,
    `${ORIGIN}/%E0%A4%A`,
    'resetdesk://other/index.html',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('caches hashed assets for a year and has the HTML and unhashed files revalidated', async () => {
    const hashed = await get(`${ORIGIN}/assets/index-AbCd12_4.js`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe(IMMUTABLE_ASSET_CACHE_CONTROL);
    for (const url of [`${ORIGIN}/`, `${ORIGIN}/index.html`, `${ORIGIN}/assets/app.js`]) {
      expect((await get(url)).headers.get('cache-control')).toBe('no-cache');
    }
    // Errors are never kept, and the build's compressed copies are not served from disk.
    expect((await get(`${ORIGIN}/missing.js`)).headers.get('cache-control')).toBe('no-store');
    expect((await get(`${ORIGIN}/assets/index-AbCd12_4.js.br`)).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(`${ORIGIN}/index.html`, 'POST')).status).toBe(405);
    const head = await get(`${ORIGIN}/index.html`, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never resolves outside the root', () => {
    expect(resolveRendererPath(root, ORIGIN, `${ORIGIN}/assets/app.js`)).toBe(join(root, 'assets', 'app.js'));
    // The URL parser already clamps dot segments at the root: this is root/secret.json, not the file beside root.
    expect(resolveRendererPath(root, ORIGIN, `${ORIGIN}/a/../../secret.json`)).toBe(join(root, 'secret.json'));
    expect(resolveRendererPath(root, ORIGIN, `${ORIGIN}/C:%5cWindows%5cwin.ini`)).toBeNull();
  });
});
