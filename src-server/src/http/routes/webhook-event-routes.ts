import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { CappedAudit } from '../../audit/capped-audit';
import type { PlacedCalls } from '../../delivery/voice/placed-calls';
import type { SeenWebhookIds } from '../../delivery/webhook/seen-webhook-ids';
import { WebhookEventSchema } from '../../delivery/webhook/webhook-events';
import type { WebhookEvent } from '../../delivery/webhook/webhook-events';
import { WEBHOOK_HEADERS } from '../../delivery/webhook/webhook-signature';
import type { WebhookVerifier } from '../../delivery/webhook/webhook-signature';
import type { VoiceCallMethod } from '../../methods/voice-call/voice-call';
import type { Clock } from '../../support/clock';

// Where the organisation's gateway posts its signed events (message.failed, call.answered, ...).
export const WEBHOOK_EVENTS_PATH = `${API_PREFIX}/delivery/webhook/events`;

export interface WebhookEventRoutesOptions {
  verifier: WebhookVerifier;
  seenIds: SeenWebhookIds;
  placedCalls: PlacedCalls;
  voice: Pick<VoiceCallMethod, 'answerCallByHash'>;
  audit: AuditLog;
  // Refusals are anyone's to cause: capped per address (audit/capped-audit.ts).
  strangerAudit: CappedAudit;
  clock: Clock;
}

type Refusal = 'unsigned' | 'bad_signature' | 'stale' | 'replayed';

function readEvent(body: Buffer): WebhookEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = WebhookEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The gateway's events, Standard Webhooks style: each must carry a valid signature over the exact bytes received,
 * a timestamp within five minutes and a webhook-id not taken before; otherwise it is refused (403; 409 for a replay)
 * and audited. A taken event answers 204 whatever it says, so the gateway stops retrying it.
 */
export const webhookEventRoutes: FastifyPluginCallback<WebhookEventRoutesOptions> = (app, options, done) => {
  // The raw bytes: the signature covers the body as sent, which a parsed and re-serialised object would not be.
  // Registered in this plugin only, so every other route keeps the JSON parser.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, parsed) => parsed(null, body));

  async function refuse(request: FastifyRequest, reply: FastifyReply, reason: Refusal) {
    await options.strangerAudit.record({
      event: 'delivery.callback_refused',
      outcome: 'failure',
      ip: request.ip,
      log: request.log,
      detail: `webhook ${reason}`,
    });
    return reply.code(reason === 'replayed' ? 409 : 403).send({ refused: reason });
  }

  app.post(WEBHOOK_EVENTS_PATH, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headers = {
      id: header(request, WEBHOOK_HEADERS.id),
      timestamp: header(request, WEBHOOK_HEADERS.timestamp),
      signature: header(request, WEBHOOK_HEADERS.signature),
    };
    const verdict = options.verifier.verify(headers, body, options.clock.now().getTime());
    if (!verdict.ok) return refuse(request, reply, verdict.reason);
    // Signed by the gateway but not an event we know: its mistake, not an attack, so it is neither audited nor taken.
    const event = readEvent(body);
    if (!event) return reply.code(400).send({ refused: 'bad_event' });
    if (!(await options.seenIds.take(verdict.id, verdict.timestampSeconds))) return refuse(request, reply, 'replayed');
    await apply(event, request.ip);
    return reply.code(204).send();
  });

  async function apply(event: WebhookEvent, ip: string): Promise<void> {
    switch (event.type) {
      case 'message.delivered':
        return;
      case 'message.failed':
      case 'call.failed': {
        const channel = event.type === 'message.failed' ? 'sms' : 'voice';
        // A call that failed is not an answer: its pending decision just runs out (the person did not refuse it).
        if (event.type === 'call.failed') await options.placedCalls.takeAnswer('webhook', event.id);
        await options.audit.record({
          event: 'delivery.failed',
          outcome: 'failure',
          ip,
          detail: `${channel} webhook failed${event.error ? ` ${event.error}` : ''}`,
        });
        return;
      }
      case 'call.answered': {
        const lookup = await options.placedCalls.takeAnswer('webhook', event.id);
        const action = event.digits === '#' ? 'press-hash' : 'hang-up';
        const answered = lookup.kind === 'answer' && (await options.voice.answerCallByHash(lookup.callIdHash, action));
        const unanswered = lookup.kind === 'replayed' ? 'replayed' : 'no_ringing_call';
        await options.audit.record({
          event: 'call.answered',
          outcome: answered && action === 'press-hash' ? 'success' : 'failure',
          ip,
          detail: `webhook ${answered ? action : unanswered}`,
        });
      }
    }
  }

  done();
};
