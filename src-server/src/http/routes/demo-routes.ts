import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DemoOutboxSchema,
  DemoPhoneRequestSchema,
  DemoSignInRequestSchema,
  DemoSignInResponseSchema,
  ROUTES,
} from '@resetdesk/shared';
import { AppError } from '../../errors/app-error';
import type { VoiceCallMethod } from '../../methods/voice-call/voice-call';
import type { AuditLog } from '../../audit/audit-log';
import type { DevOutbox } from '../../delivery/dev-outbox';
import type { Directory } from '../../directory/directory';
import { ERROR_RESPONSES } from '../route-schemas';

export interface DemoRoutesOptions {
  outbox: DevOutbox;
  directory: Directory;
  audit: AuditLog;
  voice: VoiceCallMethod;
}

/**
 * Registered only in demo mode: the phone stand-in, the outbox (so a demo or a test can read the code that was "emailed") and a sign-in
 * check (so the new password can be shown to work). In any other mode these routes do not exist (404).
 */
export const demoRoutes: FastifyPluginCallbackZod<DemoRoutesOptions> = (app, { outbox, directory, audit, voice }, done) => {
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
        log: request.log,
        detail: result,
      });
      return { signedIn: result === 'ok' };
    },
  );

  // The demo's stand-in for the user's phone: the voice call's prompt is in the outbox with its call id, and this is
  // where the "phone" answers it (press # to approve, or hang up). A real deployment gets this from the voice provider.
  app.post(
    ROUTES.demoPhone,
    { schema: { body: DemoPhoneRequestSchema, response: { 204: z.undefined(), ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const answered = await voice.answerCall(request.body.callId, request.body.action);
      await audit.record({
        event: 'call.answered',
        outcome: answered && request.body.action === 'press-hash' ? 'success' : 'failure',
        ip: request.ip,
        log: request.log,
        detail: answered ? request.body.action : 'no_ringing_call',
      });
      if (!answered) throw new AppError('CALL_NOT_ANSWERED', 'There is no ringing call with this id.');
      return reply.status(204).send();
    },
  );

  done();
};
