import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DemoPasskeyBeginSchema,
  DemoPasskeyFinishSchema,
  PasskeyCreationOptionsSchema,
  ROUTES,
} from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { Directory } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { PasskeyRegistrationCeremony } from '../../methods/passkey/passkey-registration';
import { ERROR_RESPONSES } from '../route-schemas';

export interface DemoPasskeyRoutesOptions {
  directory: Directory;
  audit: AuditLog;
  registration: PasskeyRegistrationCeremony;
}

/**
 * Demo mode only (absent otherwise, as every demo route): the passkey registration ceremony for a demo user by name,
 * with no sign-in, so a demo and the browser tests can register a passkey before the registration flow exists.
 */
export const demoPasskeyRoutes: FastifyPluginCallbackZod<DemoPasskeyRoutesOptions> = (app, deps, done) => {
  async function userNamed(username: string) {
    const user = await deps.directory.findUser(username);
    if (!user) throw new AppError('METHOD_UNAVAILABLE', 'No demo user has this name.');
    return user;
  }

  app.post(
    ROUTES.demoPasskeyBegin,
    { schema: { body: DemoPasskeyBeginSchema, response: { 200: PasskeyCreationOptionsSchema, ...ERROR_RESPONSES } } },
    async (request) => deps.registration.options(await userNamed(request.body.username)),
  );

  app.post(
    ROUTES.demoPasskeyFinish,
    {
      schema: {
        body: DemoPasskeyFinishSchema,
        response: { 201: z.object({ credentialId: z.string() }).strict(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = await userNamed(request.body.username);
      const registered = await deps.registration.finish(user, request.body.attestation);
      await deps.audit.record({
        event: 'passkey.registered',
        outcome: 'success',
        userId: user.id,
        username: user.username,
        ip: request.ip,
        detail: 'demo',
      });
      return reply.status(201).send(registered);
    },
  );

  done();
};
