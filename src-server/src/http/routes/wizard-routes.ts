import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Serves the built wizard (the same React app the desktop shows) at `/`, so a browser can do a reset without the
 * desktop app. The strict CSP and the other security headers come from security-headers.ts.
 */
export const wizardRoutes: FastifyPluginAsync<{ wizardDir: string }> = async (app, { wizardDir }) => {
  await app.register(fastifyStatic, {
    root: wizardDir,
    prefix: '/',
    index: ['index.html'],
    // Never list directories or serve dotfiles from the bundle folder.
    list: false,
    dotfiles: 'deny',
  });
};
