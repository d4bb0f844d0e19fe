import { z } from 'zod';
import { EmailSettingsSchema } from './email/smtp-settings';
import { SmsSettingsSchema } from './sms/twilio-settings';
import { WebhookGatewaySettingsSchema } from './webhook/webhook-settings';

// Configurations written before the gateway provider existed may leave `provider` out: that was Twilio, and stays so.
const twilioUnlessNamed = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('provider' in value)
    ? { ...value, provider: 'twilio' }
    : value;

const SmsProviderSchema = z.discriminatedUnion('provider', [SmsSettingsSchema, WebhookGatewaySettingsSchema]);

/**
 * The `delivery` section of the server configuration (the JSON file named by RESETDESK_DELIVERY_FILE): one entry per
 * channel. A channel that is not configured refuses to send (unconfigured-delivery.ts) outside the demo.
 */
export const DeliverySettingsSchema = z
  .object({
    email: EmailSettingsSchema.optional(),
    sms: z.preprocess(twilioUnlessNamed, SmsProviderSchema).optional(),
    // Voice calls through the organisation's own gateway (provider "webhook").
    voice: WebhookGatewaySettingsSchema.optional(),
  })
  .strict();
export type DeliverySettings = z.output<typeof DeliverySettingsSchema>;
export type DeliverySettingsInput = z.input<typeof DeliverySettingsSchema>;
