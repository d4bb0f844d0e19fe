import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { PublicConfigSchema, ROUTES } from '@resetdesk/shared';
import type { PublicConfig } from '@resetdesk/shared';
import { ERROR_RESPONSES } from '../route-schemas';

/** What any client may know before a flow starts: the organisation's name, where to get help, demo or not. */
export const configRoutes: FastifyPluginCallbackZod<{ publicConfig: PublicConfig }> = (app, options, done) => {
  const schema = { response: { 200: PublicConfigSchema, ...ERROR_RESPONSES } };
  app.get(ROUTES.publicConfig, { schema }, () => options.publicConfig);
  done();
};
