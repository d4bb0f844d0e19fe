import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { API_PREFIX } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { TwilioCallbackVerifier } from '../../delivery/sms/twilio-signature';
import { acceptTwilioCallback, parseTwilioForms } from '../twilio-callback';
import type { TwilioCallbackGuard } from '../twilio-callback';

// Where Twilio posts the status of each text message (the statusCallbackUrl setting names this route's public URL).
export const TWILIO_STATUS_PATH = `${API_PREFIX}/delivery/twilio/status`;

export interface TwilioStatusRoutesOptions extends TwilioCallbackGuard {
  verifier: TwilioCallbackVerifier;
  audit: AuditLog;
}

// Only what the audit row keeps; the rest (To, From, the body's segments) is never read.
const StatusSchema = z.object({
  MessageStatus: z.string().regex(/^[a-z_]{1,32}$/u),
  ErrorCode: z.string().regex(/^\d{1,8}$/u).optional(),
});

const FAILED_STATUSES = new Set(['failed', 'undelivered']);

/**
 * Twilio's status callbacks: each one must carry a valid X-Twilio-Signature for the configured URL and be new, or it
 * is refused (403) and audited. A message Twilio could not deliver becomes a `delivery.failed` row naming its status
 * and Twilio's error code, never the number.
 */
export const twilioStatusRoutes: FastifyPluginCallback<TwilioStatusRoutesOptions> = (app, options, done) => {
  parseTwilioForms(app);

  app.post(TWILIO_STATUS_PATH, async (request, reply) => {
    const fields = await acceptTwilioCallback(request, reply, options.verifier, options);
    if (!fields) return reply;
    const status = StatusSchema.safeParse(Object.fromEntries(fields));
    if (status.success && FAILED_STATUSES.has(status.data.MessageStatus)) {
      await options.audit.record({
        event: 'delivery.failed',
        outcome: 'failure',
        ip: request.ip,
        detail: `sms twilio ${status.data.MessageStatus}${status.data.ErrorCode ? ` ${status.data.ErrorCode}` : ''}`,
      });
    }
    return reply.code(204).send();
  });

  done();
};
