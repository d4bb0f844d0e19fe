import { z } from 'zod';
import { EmailSettingsSchema } from './email/smtp-settings';
import { SmsSettingsSchema } from './sms/twilio-settings';
import { TwilioVoiceSettingsSchema } from './voice/twilio-voice-settings';

/**
 * The `delivery` section of the server configuration (the JSON file named by RESETDESK_DELIVERY_FILE): one entry per
 * channel. A channel that is not configured refuses to send (unconfigured-delivery.ts) outside the demo.
 */
export const DeliverySettingsSchema = z
  .object({
    email: EmailSettingsSchema.optional(),
    sms: SmsSettingsSchema.optional(),
    voice: TwilioVoiceSettingsSchema.optional(),
  })
  .strict();
export type DeliverySettings = z.output<typeof DeliverySettingsSchema>;
export type DeliverySettingsInput = z.input<typeof DeliverySettingsSchema>;
