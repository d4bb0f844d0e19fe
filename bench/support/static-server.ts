import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * A minimal static server on 127.0.0.1 for the bare page: the precompressed .br file when the browser takes brotli,
 * as the reset server does for the wizard, so both pages arrive the same way.
 */
export async function serveStatic(rootDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(rootDir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(rootDir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      vary: 'Accept-Encoding',
    };
    const brotli = `${file}.br`;
    const useBrotli = /\bbr\b/u.test(String(request.headers['accept-encoding'] ?? '')) && existsSync(brotli);
    if (useBrotli) headers['content-encoding'] = 'br';
    response.writeHead(200, headers).end(readFileSync(useBrotli ? brotli : file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
