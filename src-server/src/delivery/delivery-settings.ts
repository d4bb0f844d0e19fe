import { z } from 'zod';
import { EmailSettingsSchema } from './email/smtp-settings';
import { SmsSettingsSchema } from './sms/twilio-settings';
import { TwilioVoiceSettingsSchema } from './voice/twilio-voice-settings';

/** How the channels are watched (health/channel-health.ts). */
export const ChannelHealthSettingsSchema = z
  .object({
    // Every configured channel is checked this often (and soon after a send through it failed).
    intervalSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .strict();

/** How long the outbox keeps what it could not send (delivery-queue.ts purgeFailed). */
export const OutboxSettingsSchema = z
  .object({
    // Failed rows (no body, no address: only the channel and the error code) are deleted after this many days.
    failedRetentionDays: z.number().int().min(1).max(3650).default(30),
  })
  .strict();
import { WebhookGatewaySettingsSchema } from './webhook/webhook-settings';

// Configurations written before the gateway provider existed may leave `provider` out: that was Twilio, and stays so.
const twilioUnlessNamed = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('provider' in value)
    ? { ...value, provider: 'twilio' }
    : value;

const SmsProviderSchema = z.discriminatedUnion('provider', [SmsSettingsSchema, WebhookGatewaySettingsSchema]);
const VoiceProviderSchema = z.discriminatedUnion('provider', [TwilioVoiceSettingsSchema, WebhookGatewaySettingsSchema]);

/**
 * The `delivery` section of the server configuration (the JSON file named by RESETDESK_DELIVERY_FILE): one entry per
 * channel. A channel that is not configured refuses to send (unconfigured-delivery.ts) outside the demo.
 */
export const DeliverySettingsSchema = z
  .object({
    email: EmailSettingsSchema.optional(),
    sms: z.preprocess(twilioUnlessNamed, SmsProviderSchema).optional(),
    // Calls through Twilio (the default) or the organisation's own gateway (provider "webhook").
    voice: z.preprocess(twilioUnlessNamed, VoiceProviderSchema).optional(),
    health: ChannelHealthSettingsSchema.optional(),
    outbox: OutboxSettingsSchema.optional(),
  })
  .strict();
export type DeliverySettings = z.output<typeof DeliverySettingsSchema>;
export type DeliverySettingsInput = z.input<typeof DeliverySettingsSchema>;

/** The health and outbox settings with their defaults filled in (also for a server without a delivery file). */
export function deliveryUpkeepSettings(settings: DeliverySettings | undefined) {
  return {
    health: settings?.health ?? ChannelHealthSettingsSchema.parse({}),
    outbox: settings?.outbox ?? OutboxSettingsSchema.parse({}),
  };
}
