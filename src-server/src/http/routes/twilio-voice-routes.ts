import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import { z } from 'zod';
import { API_PREFIX } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { TwilioCallbackVerifier } from '../../delivery/sms/twilio-signature';
import type { PlacedCalls } from '../../delivery/voice/placed-calls';
import { goodbyeTwiml, sayLanguageOf } from '../../delivery/voice/twiml';
import { messagesFor } from '../../messages/catalogue';
import type { VoiceCallMethod } from '../../methods/voice-call/voice-call';
import { acceptTwilioCallback, parseTwilioForms, refuseTwilioCallback } from '../twilio-callback';
import type { TwilioCallbackGuard } from '../twilio-callback';

// Where Twilio posts the key pressed during a call (delivery.voice.gatherUrl names this route's public URL) and the
// call's final status (delivery.voice.statusCallbackUrl).
export const TWILIO_GATHER_PATH = `${API_PREFIX}/delivery/twilio/voice`;
export const TWILIO_CALL_STATUS_PATH = `${API_PREFIX}/delivery/twilio/voice-status`;

export interface TwilioVoiceRoutesOptions extends TwilioCallbackGuard {
  gather: TwilioCallbackVerifier;
  status: TwilioCallbackVerifier | null;
  placedCalls: PlacedCalls;
  voice: Pick<VoiceCallMethod, 'answerCallByHash'>;
  audit: AuditLog;
}

// The query the voice channel put into the callback URLs (signed with them): our reference and the flow's language.
const CallQuerySchema = z.object({ ref: z.string().regex(/^RD[0-9a-f]{32}$/u), lang: z.string().max(8).optional() });
const GatherSchema = z.object({ Digits: z.string().max(32).optional() });
const CallStatusSchema = z.object({ CallStatus: z.string().regex(/^[a-z-]{1,32}$/u) });
// The call ended without anyone pressing # through to the gather route: its pending call is refused at once.
const UNREACHED = new Set(['busy', 'failed', 'no-answer', 'canceled']);

/**
 * Twilio's callbacks for voice calls, believed only when signed for the configured URL and new (twilio-callback.ts).
 * The key pressed answers the placed call once (# approves, anything else refuses); a replay is refused and audited.
 * A call that was not answered refuses its pending call and is audited as `delivery.failed`.
 */
export const twilioVoiceRoutes: FastifyPluginCallback<TwilioVoiceRoutesOptions> = (app, options, done) => {
  parseTwilioForms(app);

  const sayGoodbye = (reply: FastifyReply, text: string, lang: string | undefined) =>
    reply.code(200).type('text/xml; charset=utf-8').send(goodbyeTwiml(text, sayLanguageOf(lang)));

  app.post(TWILIO_GATHER_PATH, async (request, reply) => {
    const fields = await acceptTwilioCallback(request, reply, options.gather, options);
    if (!fields) return reply;
    const query = CallQuerySchema.safeParse(request.query);
    const lang = query.success ? query.data.lang : undefined;
    const words = messagesFor(lang).voiceCall;
    const lookup = query.success ? await options.placedCalls.takeAnswer('twilio', query.data.ref) : null;
    if (lookup?.kind === 'replayed') {
      await refuseTwilioCallback(request, reply, options, 'replayed');
      return reply;
    }
    if (lookup?.kind !== 'answer') return sayGoodbye(reply, words.nothingChanged, lang);
    const digits = GatherSchema.safeParse(Object.fromEntries(fields));
    const action = digits.success && digits.data.Digits === '#' ? 'press-hash' : 'hang-up';
    const answered = await options.voice.answerCallByHash(lookup.callIdHash, action);
    await options.audit.record({
      event: 'call.answered',
      outcome: answered && action === 'press-hash' ? 'success' : 'failure',
      ip: request.ip,
      log: request.log,
      detail: `twilio ${answered ? action : 'no_ringing_call'}`,
    });
    return sayGoodbye(reply, answered && action === 'press-hash' ? words.confirmed : words.nothingChanged, lang);
  });

  const statusVerifier = options.status;
  if (statusVerifier) {
    app.post(TWILIO_CALL_STATUS_PATH, async (request, reply) => {
      const fields = await acceptTwilioCallback(request, reply, statusVerifier, options);
      if (!fields) return reply;
      const query = CallQuerySchema.safeParse(request.query);
      const status = CallStatusSchema.safeParse(Object.fromEntries(fields));
      const final = status.success ? status.data.CallStatus : null;
      if (query.success && final && (UNREACHED.has(final) || final === 'completed')) {
        // Completed with no answer taken yet: picked up, but no key reached the gather route.
        const lookup = await options.placedCalls.takeAnswer('twilio', query.data.ref);
        if (lookup.kind === 'answer') await options.voice.answerCallByHash(lookup.callIdHash, 'hang-up');
      }
      if (final && UNREACHED.has(final)) {
        await options.audit.record({
          event: 'delivery.failed',
          outcome: 'failure',
          ip: request.ip,
          log: request.log,
          detail: `voice twilio ${final}`,
        });
      }
      return reply.code(204).send();
    });
  }

  done();
};
