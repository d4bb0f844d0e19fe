import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { ROUTES, ReadinessSchema } from '@resetdesk/shared';
import type { ReadinessPart } from '@resetdesk/shared';
import { ERROR_RESPONSES } from '../route-schemas';
import { NOT_SHED } from './load-shedding';
import type { ReadinessCheck } from './readiness';

/**
 * GET /readyz: 200 when every part is ready, else 503 with each part's reason. It is not shed under load: a
 * saturated server says so here (part "load"), so a load balancer sends it less, instead of getting a bare 503.
 */
export const readinessRoutes: FastifyPluginCallbackZod<{ readiness: ReadinessCheck }> = (app, { readiness }, done) => {
  app.get(
    ROUTES.ready,
    {
      config: NOT_SHED,
      schema: {
        summary: 'Ready to serve: the store, the directory and every delivery channel',
        response: { 200: ReadinessSchema, 503: ReadinessSchema, ...ERROR_RESPONSES },
      },
    },
    async (_request, reply) => {
      const underPressure = app.hasDecorator('isUnderPressure') && app.isUnderPressure();
      const load: ReadinessPart = { part: 'load', ready: !underPressure, reason: underPressure ? 'saturated' : null };
      const report = await readiness.report([load]);
      return reply.status(report.status === 'ready' ? 200 : 503).send(report);
    },
  );
  done();
};
