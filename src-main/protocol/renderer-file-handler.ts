import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { cacheControlForAsset } from '@resetdesk/shared';
import { originOf } from '../ipc/origin';
import { contentTypeFor } from './content-types';

type ResponseBody = ConstructorParameters<typeof Response>[0];

export interface RendererFileHandlerOptions {
  /** The built renderer (dist/renderer). Nothing outside it is ever served. */
  rootDir: string;
  /** The only origin served, e.g. `resetdesk://app`. */
  origin: string;
  contentSecurityPolicy: string;
}

/**
 * Maps a request URL to a file inside rootDir, or null. Decoded segments that are empty, '.', '..' or contain a slash,
 * backslash or NUL are refused outright rather than normalized, so that no encoding trick can climb out of the root.
 */
export function resolveRendererPath(rootDir: string, origin: string, requestUrl: string): string | null {
  if (originOf(requestUrl) !== originOf(origin)) return null;
  const pathname = new URL(requestUrl).pathname;
  const rawSegments = pathname === '/' ? [] : pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/u.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const filePath = resolve(root, ...segments);
  return isInside(root, filePath) ? filePath : null;
}

function isInside(root: string, filePath: string): boolean {
  const rel = relative(root, filePath);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The handler for `protocol.handle('resetdesk', ...)`: plain fetch-API Request/Response, so it runs (and is tested) in
 * plain Node too. Every response carries the wizard's CSP and nosniff. Files get the same cache split as from the reset
 * server (hashed assets immutable for a year, the HTML revalidated: asset-cache-policy.ts); errors are never kept.
 */
export function createRendererFileHandler(options: RendererFileHandlerOptions): (request: Request) => Promise<Response> {
  const baseHeaders = {
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const answer = (status: number, body: ResponseBody, contentType = 'text/plain; charset=utf-8', cacheControl = 'no-store') =>
    new Response(body, { status, headers: { ...baseHeaders, 'Content-Type': contentType, 'Cache-Control': cacheControl } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
    const filePath = resolveRendererPath(options.rootDir, options.origin, request.url);
    const contentType = filePath === null ? undefined : contentTypeFor(filePath);
    if (filePath === null || contentType === undefined) return answer(404, 'Not found');
    try {
      // A symlink inside the build must not lead outside it either.
      const [realRoot, realFile] = await Promise.all([realpath(options.rootDir), realpath(filePath)]);
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return answer(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(realFile));
      return answer(200, body, contentType, cacheControlForAsset(relative(realRoot, realFile).split(sep).join('/')));
    } catch {
      return answer(404, 'Not found');
    }
  };
}
