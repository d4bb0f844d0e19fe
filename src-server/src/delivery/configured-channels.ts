import type { DeliverySettings } from './delivery-settings';
import type { Delivery, OutgoingMessage } from './delivery';
import { ChannelRouter } from './channel-router';
import { SmtpChannel } from './email/smtp-channel';
import type { SmtpChannelOptions } from './email/smtp-channel';
import { TwilioSmsChannel } from './sms/twilio-sms-channel';
import type { TwilioCallbackVerifier } from './sms/twilio-signature';
import { UnconfiguredDelivery } from './unconfigured-delivery';
import { systemClock } from '../support/clock';
import { webhookChannels } from './webhook/webhook-channels';
import type { WebhookChannelsOptions } from './webhook/webhook-channels';
import type { WebhookVerifier } from './webhook/webhook-signature';

export interface ConfiguredChannels {
  delivery: Delivery;
  // Verifies Twilio's status callbacks; null unless Twilio is configured with a statusCallbackUrl.
  twilioCallbacks: TwilioCallbackVerifier | null;
  // Verifies the organisation's gateway's events; null unless a channel goes through a gateway.
  webhookEvents: WebhookVerifier | null;
  close(): void;
}

export type ConfiguredChannelsOptions = SmtpChannelOptions & Partial<Pick<WebhookChannelsOptions, 'clock' | 'calls'>>;

/**
 * The channels of a real (non-demo) server, from its delivery settings: each configured one for its kind, the
 * refusing stand-in for the rest. Reads the secrets now, so a bad one stops the server before it listens.
 */
export function configuredChannels(
  settings: DeliverySettings | undefined,
  options: ConfiguredChannelsOptions,
): ConfiguredChannels {
  const unconfigured = new UnconfiguredDelivery();
  const twilioSms = settings?.sms?.provider === 'twilio' ? settings.sms : null;
  const sms = twilioSms ? new TwilioSmsChannel(twilioSms, options.env ? { env: options.env } : {}) : null;
  const gatewaySms = settings?.sms?.provider === 'webhook' ? settings.sms : null;
  const gateway = webhookChannels(gatewaySms, settings?.voice ?? null, {
    clock: options.clock ?? systemClock,
    env: options.env,
    calls: options.calls,
  });
  const email = settings?.email ? new SmtpChannel(settings.email, options) : null;
  const routes: Partial<Record<OutgoingMessage['channel'], Delivery>> = {
    ...(email ? { email } : {}),
    ...(sms ? { sms } : {}),
    ...(gateway.sms ? { sms: gateway.sms } : {}),
    ...(gateway.voice ? { voice: gateway.voice } : {}),
  };
  if (Object.keys(routes).length === 0) {
    return { delivery: unconfigured, twilioCallbacks: null, webhookEvents: null, close: () => undefined };
  }
  return {
    delivery: new ChannelRouter(routes, unconfigured),
    twilioCallbacks: sms?.callbacks ?? null,
    webhookEvents: gateway.events,
    close: () => email?.close(),
  };
}
