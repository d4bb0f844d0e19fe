import type { DeliverySettings } from './delivery-settings';
import type { Delivery, OutgoingMessage } from './delivery';
import { ChannelRouter } from './channel-router';
import type { ChannelCheck } from './health/channel-check';
import { SmtpChannel } from './email/smtp-channel';
import type { SmtpChannelOptions } from './email/smtp-channel';
import { TwilioSmsChannel } from './sms/twilio-sms-channel';
import type { TwilioCallbackVerifier } from './sms/twilio-signature';
import { UnconfiguredDelivery } from './unconfigured-delivery';

export interface ConfiguredChannels {
  delivery: Delivery;
  // Verifies Twilio's status callbacks; null unless Twilio is configured with a statusCallbackUrl.
  twilioCallbacks: TwilioCallbackVerifier | null;
  // The health check of each configured channel (health/channel-health.ts watches them).
  checks: ChannelCheck[];
  close(): void;
}

/**
 * The channels of a real (non-demo) server, from its delivery settings: each configured one for its kind, the
 * refusing stand-in for the rest. Reads the secrets now, so a bad one stops the server before it listens.
 */
export function configuredChannels(
  settings: DeliverySettings | undefined,
  options: SmtpChannelOptions,
): ConfiguredChannels {
  const unconfigured = new UnconfiguredDelivery();
  const sms = settings?.sms ? new TwilioSmsChannel(settings.sms, options.env ? { env: options.env } : {}) : null;
  const email = settings?.email ? new SmtpChannel(settings.email, options) : null;
  const routes: Partial<Record<OutgoingMessage['channel'], Delivery>> = {
    ...(email ? { email } : {}),
    ...(sms ? { sms } : {}),
  };
  if (!email && !sms) return { delivery: unconfigured, twilioCallbacks: null, checks: [], close: () => undefined };
  return {
    delivery: new ChannelRouter(routes, unconfigured),
    twilioCallbacks: sms?.callbacks ?? null,
    checks: [...(email ? [email] : []), ...(sms ? [sms] : [])],
    close: () => email?.close(),
  };
}
