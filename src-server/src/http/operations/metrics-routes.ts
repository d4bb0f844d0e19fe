import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginCallback, FastifyRequest } from 'fastify';
import { ROUTES } from '@resetdesk/shared';
import { isLoopbackHost } from '../../config/loopback-host';
import { AppError } from '../../errors/app-error';
import type { ServerMetrics } from '../../metrics/server-metrics';
import { errorBody } from '../errors';
import { matchedRoute } from '../matched-route';
import { NOT_SHED } from './load-shedding';

/**
 * Times every answer by the route pattern the router matched (`/api/v1/flows/current/code`, never the URL as typed,
 * which could carry anything), its method and status. Unmatched requests share one label, so probing random URLs
 * cannot grow the series. On the root instance, so it sees every route.
 */
export function installRequestMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.requestSeconds.observe(
      { route: matchedRoute(request) ?? 'unmatched', method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Who may read /metrics: with a token, whoever presents it; without one, loopback callers that no proxy forwarded. */
function mayRead(request: FastifyRequest, token: string | null): 'yes' | 'no_token' | 'not_here' {
  if (token !== null) {
    const presented = /^Bearer (\S+)$/u.exec(request.headers.authorization ?? '')?.[1] ?? '';
    // Compared as digests: equal lengths, and no early exit that tells how much of a guess was right.
    return timingSafeEqual(digest(presented), digest(token)) ? 'yes' : 'no_token';
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  const address = request.socket.remoteAddress ?? request.ip;
  return !forwarded && isLoopbackHost(address) ? 'yes' : 'not_here';
}

/**
 * GET /metrics in Prometheus' text format. Without a configured token it is served to loopback only (a Prometheus
 * or an agent on the same host), and a request a proxy forwarded counts as remote even from 127.0.0.1; elsewhere the
 * route answers as if it did not exist. The exposition holds counts and durations only (server-metrics.ts).
 */
export const metricsRoutes: FastifyPluginCallback<{ metrics: ServerMetrics; token: string | null }> = (
  app,
  { metrics, token },
  done,
) => {
  const options = { config: NOT_SHED, schema: { summary: 'Prometheus metrics (text format)' } };
  app.get(ROUTES.metrics, options, async (request, reply) => {
    const verdict = mayRead(request, token);
    if (verdict === 'no_token') {
      void reply.header('www-authenticate', 'Bearer');
      throw new AppError('CREDENTIALS_INVALID', 'This endpoint needs the configured bearer token.');
    }
    if (verdict === 'not_here') return reply.status(404).send(errorBody('INVALID_INPUT', 'There is no such route.'));
    const { contentType, text } = await metrics.exposition();
    return reply.type(contentType).send(text);
  });
  done();
};
