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

export interface ConfiguredChannels {
  delivery: Delivery;
  // Verifies Twilio's status callbacks; null unless Twilio is configured with a statusCallbackUrl.
  twilioCallbacks: TwilioCallbackVerifier | null;
  // Verifies Twilio's gather and call status callbacks; null unless voice goes through Twilio.
  twilioVoiceCallbacks: TwilioVoiceChannel['callbacks'] | null;
  // The health check of each configured channel (health/channel-health.ts watches them).
  checks: ChannelCheck[];
  close(): void;
}

export type ConfiguredChannelsOptions = SmtpChannelOptions & Omit<TwilioVoiceChannelOptions, 'env'>;

/**
 * The channels of a real (non-demo) server, from its delivery settings: each configured one for its kind, the
 * refusing stand-in for the rest. Reads the secrets now, so a bad one stops the server before it listens.
 */
export function configuredChannels(
  settings: DeliverySettings | undefined,
  options: ConfiguredChannelsOptions,
): ConfiguredChannels {
  const unconfigured = new UnconfiguredDelivery();
  const env = options.env ? { env: options.env } : {};
  const sms = settings?.sms ? new TwilioSmsChannel(settings.sms, env) : null;
  const email = settings?.email ? new SmtpChannel(settings.email, options) : null;
  const { placedCalls, ringSeconds, clock } = options;
  const voice = settings?.voice
    ? new TwilioVoiceChannel(settings.voice, {
        ...env,
        ...(placedCalls ? { placedCalls } : {}),
        ...(ringSeconds ? { ringSeconds } : {}),
        ...(clock ? { clock } : {}),
      })
    : null;
  const routes: Partial<Record<OutgoingMessage['channel'], Delivery>> = {
    ...(email ? { email } : {}),
    ...(sms ? { sms } : {}),
    ...(voice ? { voice } : {}),
  };
  const checks: ChannelCheck[] = [...(email ? [email] : []), ...(sms ? [sms] : []), ...(voice ? [voice] : [])];
  if (!email && !sms && !voice) {
    return { delivery: unconfigured, twilioCallbacks: null, twilioVoiceCallbacks: null, checks, close: () => undefined };
  }
  return {
    delivery: new ChannelRouter(routes, unconfigured),
    twilioCallbacks: sms?.callbacks ?? null,
    twilioVoiceCallbacks: voice?.callbacks ?? null,
    checks,
    close: () => email?.close(),
  };
}
