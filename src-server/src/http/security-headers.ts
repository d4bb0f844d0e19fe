import type { FastifyInstance } from 'fastify';
import { ROUTES } from '@resetdesk/shared';
import { isApiRoute, matchedRoute } from './matched-route';

// The wizard is a static bundle from this origin: nothing inline except styles (Fluent UI injects them at runtime).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the security headers to every response (API, wizard files, errors and 404s alike). */
export function addSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (options.https) void reply.header('strict-transport-security', 'max-age=31536000');
    // API answers are per user and per moment (masked addresses, flow steps): never keep them in a cache. Decided by
    // the matched route, not the raw URL; errors and unmatched requests are never cached either.
    const route = matchedRoute(request);
    if (isApiRoute(route) || route === ROUTES.health || route === null || reply.statusCode >= 400) {
      void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
