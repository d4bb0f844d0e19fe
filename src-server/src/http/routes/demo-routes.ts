import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { DemoOutboxSchema, DemoSignInRequestSchema, DemoSignInResponseSchema, ROUTES } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { DevOutbox } from '../../delivery/dev-outbox';
import type { Directory } from '../../directory/directory';
import { ERROR_RESPONSES } from '../route-schemas';

export interface DemoRoutesOptions {
  outbox: DevOutbox;
  directory: Directory;
  audit: AuditLog;
}

/**
 * Registered only in demo mode: the outbox (so a demo or a test can read the code that was "emailed") and a sign-in
 * check (so the new password can be shown to work). In any other mode these routes do not exist (404).
 */
export const demoRoutes: FastifyPluginCallbackZod<DemoRoutesOptions> = (app, { outbox, directory, audit }, done) => {
  app.get(ROUTES.demoOutbox, { schema: { response: { 200: DemoOutboxSchema, ...ERROR_RESPONSES } } }, async () => ({
    messages: await outbox.list(),
  }));

  app.post(
    ROUTES.demoSignIn,
    { schema: { body: DemoSignInRequestSchema, response: { 200: DemoSignInResponseSchema, ...ERROR_RESPONSES } } },
    async (request) => {
      const result = await directory.verifyPassword(request.body.username, request.body.password);
      const user = await directory.findUser(request.body.username);
      await audit.record({
        event: 'sign_in',
        outcome: result === 'ok' ? 'success' : 'failure',
        userId: user?.id ?? null,
        username: user?.username ?? null,
        ip: request.ip,
        detail: result,
      });
      return { signedIn: result === 'ok' };
    },
  );

  done();
};
