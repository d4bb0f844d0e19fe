import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * X-Twilio-Signature as Twilio documents it: base64(HMAC-SHA1(auth token, the full URL followed by each POST parameter
 * name and its value, sorted by name)). Repeated names (Twilio sends none in status callbacks) sort by value too.
 */
export function twilioSignature(authToken: string, url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const sorted = [...params].sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)));
  const data = sorted.reduce((text, [name, value]) => text + name + value, url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

// Code-unit order, as Twilio's libraries sort (not locale order).
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Checks callbacks from Twilio against the one URL they were asked to come to (the statusCallbackUrl setting: the
 * request's own Host header is the caller's to choose, so it never takes part) and the account's auth token.
 */
export class TwilioCallbackVerifier {
  private readonly url: string;
  private readonly authToken: string;

  constructor(url: string, authToken: string) {
    this.url = url;
    this.authToken = authToken;
  }

  /**
   * True when `signature` is Twilio's for these parameters; compared in constant time. `query` is the request's own
   * query string ("?ref=..." or ""): the server put it into the URL it gave Twilio, and Twilio signs it with the URL.
   */
  verify(params: ReadonlyArray<readonly [string, string]>, signature: string | undefined, query = ''): boolean {
    if (!signature) return false;
    const expected = Buffer.from(twilioSignature(this.authToken, `${this.url}${query}`, params), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
