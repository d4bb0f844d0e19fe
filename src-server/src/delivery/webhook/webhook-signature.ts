import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures (the convention svix and others follow): `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the secret's bytes, the secret written `whsec_` + base64.
 * Several signatures may be listed, space-separated (a sender rotating its secret): any valid one will do.
 */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

// The convention's default: an event older (or further ahead) than this is stale, so a captured one cannot be reused.
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = 'whsec_';
// The convention asks for 24 to 64 bytes; a shorter key is refused rather than made to look strong.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,256}$/u;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/u;

/** Why a secret is not a usable `whsec_` secret (never quoting it); null when it is. */
export function webhookSecretProblem(secret: string): string | null {
  if (!secret.startsWith(SECRET_PREFIX)) return 'must start with whsec_ followed by base64';
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64_PATTERN.test(encoded)) return 'must be whsec_ followed by base64';
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES) return `must hold ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes`;
  return null;
}

function keyOf(secret: string): Buffer {
  const problem = webhookSecretProblem(secret);
  if (problem) throw new Error(`webhook secret ${problem}`);
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

function hmac(key: Buffer, id: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(body).digest();
}

/** The `webhook-signature` value for one message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string | Buffer): string {
  return `v1,${hmac(keyOf(secret), id, String(timestampSeconds), body).toString('base64')}`;
}

/** What a received event's signature turned out to be: the words are the audit row's (delivery.callback_refused). */
export type WebhookVerdict = { ok: true; id: string; timestampSeconds: number } | { ok: false; reason: WebhookRefusal };
export type WebhookRefusal = 'unsigned' | 'bad_signature' | 'stale';

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Checks received events against one or more secrets (the sms and the voice gateway may have their own). */
export class WebhookVerifier {
  private readonly keys: Buffer[];

  constructor(secrets: readonly string[]) {
    this.keys = [...new Set(secrets)].map(keyOf);
  }

  /**
   * The signature first, then the time: a stale verdict means "really signed, but old" (a replay), never a forgery.
   * Every comparison is constant-time over the 32 bytes of an HMAC.
   */
  verify(headers: WebhookHeaders, body: Buffer, nowMs: number): WebhookVerdict {
    const { id, timestamp, signature } = headers;
    if (!id || !timestamp || !signature) return { ok: false, reason: 'unsigned' };
    if (!ID_PATTERN.test(id) || !/^\d{1,12}$/u.test(timestamp)) return { ok: false, reason: 'bad_signature' };
    const given = signature
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => Buffer.from(entry.slice(3), 'base64'));
    const expected = this.keys.map((key) => hmac(key, id, timestamp, body));
    const matches = (mac: Buffer, want: Buffer) => mac.length === want.length && timingSafeEqual(mac, want);
    const valid = given.some((mac) => expected.some((want) => matches(mac, want)));
    if (!valid) return { ok: false, reason: 'bad_signature' };
    const timestampSeconds = Number(timestamp);
    if (Math.abs(nowMs / 1000 - timestampSeconds) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
    return { ok: true, id, timestampSeconds };
  }
}
