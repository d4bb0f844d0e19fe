import { relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { cacheControlForAsset } from '@resetdesk/shared';

/** The suffixes of the files scripts/precompress-assets.mjs writes next to each asset at build time. */
const PRECOMPRESSED_SUFFIX = /\.(?:br|gz)$/u;

/**
 * Serves the built wizard (the same React app the desktop shows) at `/`, so a browser can do a reset without the
 * desktop app. The strict CSP and the other security headers come from security-headers.ts.
 *
 * Scripts and styles go out precompressed (brotli, else gzip, by Accept-Encoding: the build wrote both files next to
 * each asset, so nothing is compressed per request), hashed asset names are cached for a year and the HTML is checked
 * on every load (see asset-cache-policy.ts).
 */
export const wizardRoutes: FastifyPluginAsync<{ wizardDir: string }> = async (app, { wizardDir }) => {
  const root = resolve(wizardDir);
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    // Never list directories or serve dotfiles from the bundle folder.
    list: false,
    dotfiles: 'deny',
    preCompressed: true,
    // The compressed copies are served only in place of their original, never by their own name.
    allowedPath: (pathname) => !PRECOMPRESSED_SUFFIX.test(pathname),
    // Our own Cache-Control below, not send's default "public, max-age=0".
    cacheControl: false,
    setHeaders: (res, filePath) => {
      const original = filePath.replace(PRECOMPRESSED_SUFFIX, '');
      const relativePath = relative(root, original).split(sep).join('/');
      res.setHeader('cache-control', cacheControlForAsset(relativePath));
      // Any cache between us and the browser must key on the encoding it asked for.
      res.setHeader('vary', 'Accept-Encoding');
    },
  });
};
