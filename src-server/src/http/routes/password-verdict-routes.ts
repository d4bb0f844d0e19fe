import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { PasswordVerdictSchema, ROUTES, SetPasswordRequestSchema } from '@resetdesk/shared';
import type { PasswordVerdictService } from '../../flows/password-verdict-service';
import { verifiedDeviceOf } from '../device-auth-hook';
import { flowTokenOf } from '../flow-token-header';
import { ERROR_RESPONSES } from '../route-schemas';

/** POST the password being typed, get the server's verdict (new-password step of a verified reset only). */
export const passwordVerdictRoutes: FastifyPluginCallbackZod<{ verdicts: PasswordVerdictService }> = (
  app,
  { verdicts },
  done,
) => {
  app.post(
    ROUTES.passwordVerdict,
    { schema: { body: SetPasswordRequestSchema, response: { 200: PasswordVerdictSchema, ...ERROR_RESPONSES } } },
    async (request) => verdicts.verdict(flowTokenOf(request), request.body.newPassword, {
        ip: request.ip,
        deviceId: verifiedDeviceOf(request),
      }),
  );
  done();
};
