import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaptchaChallengeSchema, HelpRequestReceivedSchema, HelpRequestSchema, ROUTES } from '@resetdesk/shared';
import type { CaptchaService } from '../../captcha/captcha-service';
import { verifiedDeviceOf } from '../device-auth-hook';
import type { HelpRequestService } from '../../notifications/help-request-service';
import { ERROR_RESPONSES } from '../route-schemas';

export interface AbuseRoutesOptions {
  captcha: CaptchaService;
  help: HelpRequestService;
}

/** A fresh CAPTCHA for the username step, and "contact your administrator" requests from the wizard. */
export const abuseRoutes: FastifyPluginCallbackZod<AbuseRoutesOptions> = (app, { captcha, help }, done) => {
  app.post(
    ROUTES.captcha,
    {
      schema: {
        body: z.object({}).strict().optional(),
        response: { 201: CaptchaChallengeSchema, ...ERROR_RESPONSES },
      },
    },
    // The proof of work's cost grows with this client's recent failures (the same address the throttles count).
    async (request, reply) => reply.status(201).send(await captcha.issue({ ip: request.ip })),
  );

  app.post(
    ROUTES.helpRequest,
    { schema: { body: HelpRequestSchema, response: { 202: HelpRequestReceivedSchema, ...ERROR_RESPONSES } } },
    async (request, reply) => reply.status(202).send(await help.request(request.body, { ip: request.ip, deviceId: verifiedDeviceOf(request) })),
  );

  done();
};
