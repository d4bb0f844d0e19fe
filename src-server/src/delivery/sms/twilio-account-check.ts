import { z } from 'zod';
import type { CheckOutcome } from '../health/channel-check';
import { networkFailureOf } from '../network-failure';

// The part of Twilio's Account resource the check reads: only an active account can send.
const TwilioAccountSchema = z.object({ status: z.string() }).loose();
const TwilioErrorSchema = z.object({ code: z.number().int() }).loose();

// The part of a Twilio channel's settings the check needs (text messages and calls alike).
export interface TwilioAccountCheckSettings {
  // https://api.twilio.com, or a test's fake.
  apiBaseUrl: string;
  accountSid: string;
  timeoutMs: number;
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * Twilio's own account check: `GET /2010-04-01/Accounts/{sid}.json` with the channel's Basic auth. Up when Twilio
 * answers 200 for an active account; down with the HTTP status and Twilio's code (20003: wrong token), the account's
 * status (suspended, closed) or the network error. Shared by every Twilio channel (text messages, calls).
 */
export async function checkTwilioAccount(
  input: TwilioAccountCheckSettings,
  // `Basic base64(sid:token)`, as every other request of the channel.
  authorization: string,
): Promise<CheckOutcome> {
  const base = input.apiBaseUrl.replace(/\/+$/u, '');
  let response: Response;
  try {
    response = await fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(input.accountSid)}.json`, {
      headers: { authorization, accept: 'application/json' },
      // Redirects would carry the Basic auth elsewhere.
      redirect: 'error',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
  } catch (error) {
    return { ok: false, reason: networkFailureOf(error) };
  }
  const body = await jsonOf(response);
  if (!response.ok) {
    const error = TwilioErrorSchema.safeParse(body);
    return { ok: false, reason: `HTTP ${response.status}${error.success ? ` ${error.data.code}` : ''}` };
  }
  const account = TwilioAccountSchema.safeParse(body);
  if (!account.success) return { ok: false, reason: 'BAD_RESPONSE' };
  if (account.data.status === 'active') return { ok: true };
  return { ok: false, reason: `ACCOUNT_${account.data.status.toUpperCase()}` };
}
