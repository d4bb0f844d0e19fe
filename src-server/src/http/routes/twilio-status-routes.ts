import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { API_PREFIX } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { CappedAudit } from '../../audit/capped-audit';
import type { TwilioCallbackVerifier } from '../../delivery/sms/twilio-signature';

// Where Twilio posts the status of each text message (the statusCallbackUrl setting names this route's public URL).
export const TWILIO_STATUS_PATH = `${API_PREFIX}/delivery/twilio/status`;

export interface TwilioStatusRoutesOptions {
  verifier: TwilioCallbackVerifier;
  audit: AuditLog;
  // Refusals are anyone's to cause: capped per address (audit/capped-audit.ts).
  strangerAudit: CappedAudit;
}

// Only what the audit row keeps; the rest (To, From, the body's segments) is never read.
const StatusSchema = z.object({
  MessageStatus: z.string().regex(/^[a-z_]{1,32}$/u),
  ErrorCode: z.string().regex(/^\d{1,8}$/u).optional(),
});

const FAILED_STATUSES = new Set(['failed', 'undelivered']);

/**
 * Twilio's status callbacks: each one must carry a valid X-Twilio-Signature for the configured URL, or it is refused
 * (403) and audited. A message Twilio could not deliver becomes a `delivery.failed` row naming its status and
 * Twilio's error code, never the number.
 */
export const twilioStatusRoutes: FastifyPluginCallback<TwilioStatusRoutesOptions> = (app, options, done) => {
  // Form fields as ordered pairs: the signature covers every one of them, repeated names included.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, parsed) => {
    parsed(null, [...new URLSearchParams(body as string)]);
  });

  app.post(TWILIO_STATUS_PATH, async (request, reply) => {
    const params = Array.isArray(request.body) ? (request.body as [string, string][]) : [];
    const header = request.headers['x-twilio-signature'];
    const signature = typeof header === 'string' ? header : undefined;
    if (!options.verifier.verify(params, signature)) {
      await options.strangerAudit.record({
        event: 'delivery.callback_refused',
        outcome: 'failure',
        ip: request.ip,
        detail: `twilio ${signature ? 'bad_signature' : 'unsigned'}`,
      });
      return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
    }
    const status = StatusSchema.safeParse(Object.fromEntries(params));
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
