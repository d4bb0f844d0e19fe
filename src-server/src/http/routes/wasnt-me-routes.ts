import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  WASNT_ME_ROUTES,
  WasntMeConfirmedSchema,
  WasntMeNoticeSchema,
  WasntMeRequestSchema,
} from '@resetdesk/shared';
import type { WasntMeService } from '../../wasnt-me/wasnt-me-service';
import { ERROR_RESPONSES } from '../route-schemas';
import { WASNT_ME_PAGE_HTML } from '../wasnt-me/wasnt-me-page';
import { WASNT_ME_SCRIPT } from '../wasnt-me/wasnt-me-script';

/**
 * The "This wasn't me" page and its two calls. The page is reached by a GET without the token (it is in the fragment),
 * and the token travels only in POST bodies, so no access log, proxy log or Referer ever carries it.
 */
export const wasntMeRoutes: FastifyPluginCallbackZod<{ service: WasntMeService }> = (app, { service }, done) => {
  app.get(WASNT_ME_ROUTES.page, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(WASNT_ME_PAGE_HTML),
  );

  app.get(WASNT_ME_ROUTES.script, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(WASNT_ME_SCRIPT),
  );

  const lookupSchema = { body: WasntMeRequestSchema, response: { 200: WasntMeNoticeSchema, ...ERROR_RESPONSES } };
  app.post(WASNT_ME_ROUTES.lookup, { schema: lookupSchema }, async (request) =>
    service.lookup(request.body.token, request.ip),
  );

  const confirmSchema = { body: WasntMeRequestSchema, response: { 200: WasntMeConfirmedSchema, ...ERROR_RESPONSES } };
  app.post(WASNT_ME_ROUTES.confirm, { schema: confirmSchema }, async (request) =>
    service.confirm(request.body.token, request.ip),
  );

  done();
};
