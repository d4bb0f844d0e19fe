import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CappedAudit } from '../audit/capped-audit';
import type { SeenCallbacks } from '../delivery/seen-callbacks';
import type { TwilioCallbackVerifier } from '../delivery/sms/twilio-signature';

/** What every Twilio callback route needs to believe a request: the replay store and the capped refusal audit. */
export interface TwilioCallbackGuard {
  seen: SeenCallbacks;
  // Refusals are anyone's to cause: capped per address (audit/capped-audit.ts).
  strangerAudit: CappedAudit;
}

export type TwilioParams = [string, string][];

/** Form fields as ordered pairs: the signature covers every one of them, repeated names included. */
export function parseTwilioForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, parsed) => {
    parsed(null, [...new URLSearchParams(body as string)]);
  });
}

/** The request's own query string ("?ref=…" or ""), exactly as it came: Twilio signed it as part of the URL. */
function queryOf(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at);
}

/**
 * The callback's form fields when it carries Twilio's signature for the configured URL (with the query the server
 * put there) and was not seen before; otherwise answers 403, audits why (`twilio unsigned | bad_signature |
 * replayed`) and gives null.
 */
export async function acceptTwilioCallback(
  request: FastifyRequest,
  reply: FastifyReply,
  verifier: TwilioCallbackVerifier,
  guard: TwilioCallbackGuard,
): Promise<Map<string, string> | null> {
  const params = Array.isArray(request.body) ? (request.body as TwilioParams) : [];
  const header = request.headers['x-twilio-signature'];
  const signature = typeof header === 'string' ? header : undefined;
  const query = queryOf(request);
  let refusal: string | null = null;
  if (!verifier.verify(params, signature, query)) refusal = signature ? 'bad_signature' : 'unsigned';
  else if (!(await guard.seen.firstTime('twilio', [signature ?? '', query, JSON.stringify(params)]))) {
    refusal = 'replayed';
  }
  if (refusal) {
    await refuseTwilioCallback(request, reply, guard, refusal);
    return null;
  }
  return new Map(params);
}

/** 403 and a (capped) `delivery.callback_refused` row saying why. */
export async function refuseTwilioCallback(
  request: FastifyRequest,
  reply: FastifyReply,
  guard: TwilioCallbackGuard,
  why: string,
): Promise<void> {
  await guard.strangerAudit.record({
    event: 'delivery.callback_refused',
    outcome: 'failure',
    ip: request.ip,
    log: request.log,
    detail: `twilio ${why}`,
  });
  await reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
}
