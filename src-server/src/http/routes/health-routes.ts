import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { HealthSchema, ROUTES } from '@resetdesk/shared';
import { ERROR_RESPONSES } from '../route-schemas';

export const healthRoutes: FastifyPluginCallbackZod<{ version: string }> = (app, { version }, done) => {
  app.get(ROUTES.health, { schema: { response: { 200: HealthSchema, ...ERROR_RESPONSES } } }, () => ({
    status: 'ok' as const,
    version,
  }));
  done();
};
