import { z } from 'zod';
import { SecretRefSchema } from '../../config/secret-ref';
import { E164_PATTERN, TWILIO_API_BASE_URL, UrlText, urlProblem } from '../sms/twilio-settings';

/**
 * How the reset server places voice calls (the `voice` part of the delivery settings): Twilio's Calls API with TwiML
 * `<Gather>`. Complete on its own, nothing taken from `sms`: each channel may move to another provider by itself
 * (`provider` is the discriminator a second provider adds to), and the same account simply repeats its sid and points
 * its token at the same file. A call comes from a phone number (`from`): Messaging Services send text only.
 */
export const TwilioVoiceSettingsSchema = z
  .object({
    provider: z.literal('twilio'),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/u, 'AC followed by 32 hexadecimal digits'),
    // Signs the API calls (Basic auth) and every callback (X-Twilio-Signature).
    authToken: SecretRefSchema,
    from: z.string().regex(E164_PATTERN, 'a phone number in E.164 form (+31201234567)'),
    apiBaseUrl: UrlText.default(TWILIO_API_BASE_URL),
    // The public address of this server's gather route (where Twilio posts the key pressed): twilio-voice-routes.ts.
    gatherUrl: UrlText,
    // The public address of this server's call status route (no answer, busy, failed): optional, as for sms.
    statusCallbackUrl: UrlText.optional(),
    timeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
  })
  .strict()
  .superRefine((settings, context) => {
    for (const key of ['apiBaseUrl', 'gatherUrl', 'statusCallbackUrl'] as const) {
      const value = settings[key];
      const problem = value === undefined ? null : urlProblem(value);
      if (problem) context.addIssue({ code: 'custom', path: [key], message: problem });
      // The server adds its own query (the call's reference and language) to the callback URLs.
      else if (value?.includes('?')) context.addIssue({ code: 'custom', path: [key], message: 'must not have a query' });
    }
  });
export type TwilioVoiceSettings = z.output<typeof TwilioVoiceSettingsSchema>;
export type TwilioVoiceSettingsInput = z.input<typeof TwilioVoiceSettingsSchema>;
