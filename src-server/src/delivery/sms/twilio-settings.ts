import { z } from 'zod';
import { isLoopbackHost } from '../../config/loopback-host';
import { SecretRefSchema } from '../../config/secret-ref';

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

// A phone number as Twilio takes it: +, a country code, up to 15 digits in all.
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/u;

/**
 * Why `text` is not a URL a code may travel to (or a callback come from): https, or plain http only to this host
 * (where nothing crosses a network: how tests reach the fake provider). Null when it is fine.
 */
export function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password (the token is its own setting)';
  if (url.hash) return 'must not have a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'must be https (plain http only for a loopback host)';
}

export const UrlText = z.string().min(1).max(2048);

/**
 * How the reset server sends text messages (the `sms` part of the delivery settings): Twilio's Messages API, the
 * first provider. The sender is a phone number (`from`) or a Messaging Service, exactly one of them.
 */
export const SmsSettingsSchema = z
  .object({
    provider: z.literal('twilio'),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/u, 'AC followed by 32 hexadecimal digits'),
    // Signs the API calls (Basic auth) and the status callbacks (X-Twilio-Signature).
    authToken: SecretRefSchema,
    from: z.string().regex(E164_PATTERN, 'a phone number in E.164 form (+31612345678)').optional(),
    messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/u, 'MG followed by 32 hexadecimal digits').optional(),
    apiBaseUrl: UrlText.default(TWILIO_API_BASE_URL),
    // The public address of this server's status route, as Twilio calls it (and signs it): see twilio-status-routes.
    statusCallbackUrl: UrlText.optional(),
    timeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
  })
  .strict()
  .superRefine((settings, context) => {
    if ((settings.from === undefined) === (settings.messagingServiceSid === undefined)) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'set exactly one of "from" and "messagingServiceSid"' });
    }
    for (const key of ['apiBaseUrl', 'statusCallbackUrl'] as const) {
      const value = settings[key];
      const problem = value === undefined ? null : urlProblem(value);
      if (problem) context.addIssue({ code: 'custom', path: [key], message: problem });
    }
    if (settings.apiBaseUrl.includes('?')) {
      context.addIssue({ code: 'custom', path: ['apiBaseUrl'], message: 'must not have a query' });
    }
  });
export type SmsSettings = z.output<typeof SmsSettingsSchema>;
export type SmsSettingsInput = z.input<typeof SmsSettingsSchema>;
