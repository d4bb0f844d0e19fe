import { randomBytes } from 'node:crypto';

/**
 * The voice half of the fake of Twilio (fake-twilio.ts): what a call placed through
 * `POST /2010-04-01/Accounts/{AccountSid}/Calls.json` asked for, read from its form fields and TwiML the way Twilio
 * would, and the form fields of the callbacks Twilio posts for it.
 */
export interface FakeTwilioCall {
  sid: string;
  to: string;
  from: string;
  twiml: string;
  // Twilio's ring time before no-answer (the Timeout field).
  timeout: string | null;
  statusCallback: string | null;
  // The <Gather action> (the URL Twilio posts the key to, and signs), null when the call gathers nothing.
  gatherAction: string | null;
  // Each <Say>, in order: its language and its words (entities decoded).
  says: { language: string | null; text: string }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/gu, (_, name: string) => ENTITIES[name] ?? '');

/** The <Say> elements of a TwiML document (the fake's stand-in for Twilio's text to speech). */
export function saysOf(twiml: string): FakeTwilioCall['says'] {
  return [...twiml.matchAll(/<Say(?: language="([^"]*)")?>([^<]*)<\/Say>/gu)].map((match) => ({
    language: match[1] === undefined ? null : unescapeXml(match[1]),
    text: unescapeXml(match[2] ?? ''),
  }));
}

/** A call as Twilio takes it from the form; a string is Twilio's complaint (21205: neither Url nor Twiml). */
export function callFromForm(form: URLSearchParams): FakeTwilioCall | { code: number; message: string } {
  const twiml = form.get('Twiml');
  if (!twiml) return { code: 21205, message: 'Url parameter is required.' };
  if (!form.get('To') || !form.get('From')) return { code: 21201, message: 'No called number is specified' };
  const action = /<Gather\b[^>]*\baction="([^"]*)"/u.exec(twiml)?.[1];
  return {
    sid: `CA${randomBytes(16).toString('hex')}`,
    to: form.get('To') ?? '',
    from: form.get('From') ?? '',
    twiml,
    timeout: form.get('Timeout'),
    statusCallback: form.get('StatusCallback'),
    gatherAction: action === undefined ? null : unescapeXml(action),
    says: saysOf(twiml),
  };
}

/** The form fields of a callback for `call` (a gather result or a status), as Twilio posts them. */
export function callCallbackFields(
  accountSid: string,
  call: FakeTwilioCall,
  fields: Record<string, string>,
): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: 'in-progress',
    Called: call.to,
    Caller: call.from,
    Direction: 'outbound-api',
    From: call.from,
    To: call.to,
    ...fields,
  };
}

/** The Calls API's 201 answer. */
export function callAnswer(accountSid: string, path: string, call: FakeTwilioCall): Record<string, unknown> {
  return {
    sid: call.sid,
    account_sid: accountSid,
    to: call.to,
    from: call.from,
    status: 'queued',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    uri: `${path.replace(/\.json$/u, '')}/${call.sid}.json`,
  };
}

/** Where a callback for `publicUrl` reaches the server in a test: the same path and query at `serverUrl`. */
export function deliveredTo(publicUrl: string, serverUrl: string): string {
  const url = new URL(publicUrl);
  return `${serverUrl}${url.pathname}${url.search}`;
}
