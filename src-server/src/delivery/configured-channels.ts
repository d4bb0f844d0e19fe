import type { DeliverySettings } from './delivery-settings';
import type { Delivery, OutgoingMessage } from './delivery';
import { ChannelRouter } from './channel-router';
import type { ChannelCheck } from './health/channel-check';
import { SmtpChannel } from './email/smtp-channel';
import type { SmtpChannelOptions } from './email/smtp-channel';
import { TwilioSmsChannel } from './sms/twilio-sms-channel';
import type { TwilioCallbackVerifier } from './sms/twilio-signature';
import { UnconfiguredDelivery } from './unconfigured-delivery';
import { TwilioVoiceChannel } from './voice/twilio-voice-channel';
import type { TwilioVoiceChannelOptions } from './voice/twilio-voice-channel';
import { systemClock } from '../support/clock';
import { webhookChannels } from './webhook/webhook-channels';
import type { WebhookVerifier } from './webhook/webhook-signature';

export interface ConfiguredChannels {
  delivery: Delivery;
  // Verifies Twilio's status callbacks; null unless Twilio is configured with a statusCallbackUrl.
  twilioCallbacks: TwilioCallbackVerifier | null;
  // Verifies Twilio's gather and call status callbacks; null unless voice goes through Twilio.
  twilioVoiceCallbacks: TwilioVoiceChannel['callbacks'] | null;
  // Verifies the organisation's gateway's events; null unless a channel goes through a gateway.
  webhookEvents: WebhookVerifier | null;
  // The health check of each configured channel that has one (health/channel-health.ts watches them). A gateway
  // has no standard account check: its channels are watched only when it names a healthUrl.
  checks: ChannelCheck[];
  close(): void;
}

export type ConfiguredChannelsOptions = SmtpChannelOptions & Omit<TwilioVoiceChannelOptions, 'env'>;

/**
 * The channels of a real (non-demo) server, from its delivery settings: each configured one for its kind (SMTP for
 * email; Twilio or the organisation's gateway for text messages and calls), the refusing stand-in for the rest. Reads
 * the secrets now, so a bad one stops the server before it listens.
 */
export function configuredChannels(
  settings: DeliverySettings | undefined,
  options: ConfiguredChannelsOptions,
): ConfiguredChannels {
  const unconfigured = new UnconfiguredDelivery();
  const env = options.env ? { env: options.env } : {};
  const { placedCalls, ringSeconds, clock } = options;
  const email = settings?.email ? new SmtpChannel(settings.email, options) : null;
  const sms = settings?.sms?.provider === 'twilio' ? new TwilioSmsChannel(settings.sms, env) : null;
  const voice =
    settings?.voice?.provider === 'twilio'
      ? new TwilioVoiceChannel(settings.voice, {
          ...env,
          ...(placedCalls ? { placedCalls } : {}),
          ...(ringSeconds ? { ringSeconds } : {}),
          ...(clock ? { clock } : {}),
        })
      : null;
  const gateway = webhookChannels(
    settings?.sms?.provider === 'webhook' ? settings.sms : null,
    settings?.voice?.provider === 'webhook' ? settings.voice : null,
    {
      clock: clock ?? systemClock,
      env: options.env,
      calls: placedCalls ? { placed: placedCalls, ringSeconds: ringSeconds ?? 60 } : undefined,
    },
  );
  const routes: Partial<Record<OutgoingMessage['channel'], Delivery>> = {
    ...(email ? { email } : {}),
    ...(sms ? { sms } : {}),
    ...(voice ? { voice } : {}),
    ...(gateway.sms ? { sms: gateway.sms } : {}),
    ...(gateway.voice ? { voice: gateway.voice } : {}),
  };
  const gateways = [gateway.sms, gateway.voice].filter((channel) => channel?.checked);
  const watched = [email, sms, voice, ...gateways];
  const checks: ChannelCheck[] = watched.filter((channel): channel is NonNullable<typeof channel> => channel !== null);
  return {
    delivery: Object.keys(routes).length === 0 ? unconfigured : new ChannelRouter(routes, unconfigured),
    twilioCallbacks: sms?.callbacks ?? null,
    twilioVoiceCallbacks: voice?.callbacks ?? null,
    webhookEvents: gateway.events,
    checks,
    close: () => email?.close(),
  };
}
