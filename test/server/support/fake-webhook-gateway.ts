import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, listenOnLoopback, readBody, waitForCount } from './fake-provider-http';

/**
 * A fake of an organisation's own SMS / voice gateway (the kind the webhook provider relays through): an HTTP server
 * on 127.0.0.1 that takes the reset server's signed messages the Standard Webhooks way (it verifies webhook-id,
 * webhook-timestamp and webhook-signature itself, with its own code, and refuses with 401 what does not verify),
 * records what it got, and posts signed events back: good ones, and tampered, stale or replayed ones.
 */
export interface GatewayMessage {
  webhookId: string;
  type: 'sms.send' | 'call.place';
  id: string;
  to: string;
  // sms.send carries `body`, call.place `prompt`.
  body?: string;
  prompt?: string;
  language: string;
  // Every field as received (tests check nothing else travels, such as a call id).
  payload: Record<string, unknown>;
}

export interface PostEventOptions {
  // The webhook-id (a fresh one unless given: give the same one twice for a replay).
  webhookId?: string;
  // The webhook-timestamp in seconds (now unless given: ten minutes ago makes it stale).
  timestampSeconds?: number;
  // Signs one body and sends another (a changed event on the way).
  tamperedBody?: string;
  // The header as given (null: none at all), instead of the gateway's signature.
  signature?: string | null;
}

export interface FakeWebhookGateway {
  // The address to configure as delivery.sms.url / delivery.voice.url.
  url: string;
  received(): GatewayMessage[];
  waitFor(count: number, timeoutMs?: number): Promise<GatewayMessage[]>;
  // Messages whose signature or timestamp did not verify (answered 401).
  refused(): number;
  // The next `times` messages are answered with this HTTP status (and a body quoting the number, as a careless
  // gateway would: the reset server must not repeat it).
  failNext(status: number, times?: number): void;
  // The gateway's health endpoint (GET, signed like a message): answers 200, or 503 after setHealthy(false).
  healthUrl: string;
  setHealthy(healthy: boolean): void;
  // Health checks whose signature did not verify, and those that did.
  healthChecks(): { verified: number; refused: number };
  postEvent(target: string, event: Record<string, unknown>, options?: PostEventOptions): Promise<{ status: number }>;
  close(): Promise<void>;
}

/** The gateway's own Standard Webhooks signing: HMAC-SHA256 of "<id>.<timestamp>.<body>", keyed by whsec_'s bytes. */
export function gatewaySignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/u, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function verifies(secret: string, request: IncomingMessage, body: string): boolean {
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const signatures = request.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(gatewaySignature(secret, id, Number(timestamp), body));
  return signatures.split(' ').some((given) => {
    const candidate = Buffer.from(given);
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}



export async function startFakeWebhookGateway(secret: string): Promise<FakeWebhookGateway> {
  const received: GatewayMessage[] = [];
  const failures: number[] = [];
  let refused = 0;
  let healthy = true;
  const health = { verified: 0, refused: 0 };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (request.method === 'GET' && request.url === '/health') {
      const ok = verifies(secret, request, body);
      health[ok ? 'verified' : 'refused'] += 1;
      if (!ok) answerJson(response, 401, { error: 'bad_signature' });
      else answerJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'degraded' });
      return;
    }
    if (request.method !== 'POST' || request.url !== '/messages') {
      answerJson(response, 404, { error: 'not_found' });
      return;
    }
    if (!verifies(secret, request, body)) {
      refused += 1;
      answerJson(response, 401, { error: 'bad_signature' });
      return;
    }
    const payload = JSON.parse(body) as Record<string, unknown>;
    const failure = failures.shift();
    if (failure !== undefined) {
      answerJson(response, failure, { error: 'rejected', detail: `cannot reach ${String(payload.to)}` });
      return;
    }
    const webhookId = String(request.headers['webhook-id']);
    received.push({ ...(payload as unknown as GatewayMessage), webhookId, payload });
    answerJson(response, 202, { accepted: payload.id });
  }

  const { server, port } = await listenOnLoopback(handle, { error: 'internal' });

  return {
    url: `http://127.0.0.1:${port}/messages`,
    received: () => [...received],
    waitFor: (count, timeoutMs = 10_000) =>
      waitForCount(() => received, count, `the fake gateway's messages`, timeoutMs),
    refused: () => refused,
    healthUrl: `http://127.0.0.1:${port}/health`,
    setHealthy(value) {
      healthy = value;
    },
    healthChecks: () => ({ ...health }),
    failNext(status, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(status);
    },
    async postEvent(target, event, options = {}) {
      const id = options.webhookId ?? `evt_${randomBytes(12).toString('hex')}`;
      const timestamp = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
      const body = JSON.stringify(event);
      const signed = gatewaySignature(secret, id, timestamp, body);
      const signature = options.signature === undefined ? signed : options.signature;
      const response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          ...(signature === null ? {} : { 'webhook-signature': signature }),
        },
        body: options.tamperedBody ?? body,
      });
      await response.body?.cancel();
      return { status: response.status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
