import type { Clock } from '../../support/clock';
import type { PlacedCalls } from '../voice/placed-calls';
import { readWebhookSecret, WebhookGatewayChannel } from './webhook-gateway-channel';
import type { WebhookGatewaySettings } from './webhook-settings';
import { WebhookVerifier } from './webhook-signature';

export interface WebhookChannelsOptions {
  clock: Clock;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  // Where calls are remembered for their answers; absent for `delivery test` (its call has nothing to answer).
  calls?: { placed: PlacedCalls; ringSeconds: number } | undefined;
}

export interface WebhookChannels {
  sms: WebhookGatewayChannel | null;
  voice: WebhookGatewayChannel | null;
  // Checks the gateway's events (either gateway's secret); null when no channel goes through a gateway.
  events: WebhookVerifier | null;
}

/** The channels that go through the organisation's gateway, with their secrets read now (a bad one stops the start). */
export function webhookChannels(
  sms: WebhookGatewaySettings | null,
  voice: WebhookGatewaySettings | null,
  options: WebhookChannelsOptions,
): WebhookChannels {
  const smsSecret = sms ? readWebhookSecret(sms, 'delivery.sms.secret', options.env) : null;
  const voiceSecret = voice ? readWebhookSecret(voice, 'delivery.voice.secret', options.env) : null;
  const secrets = [smsSecret, voiceSecret].filter((secret): secret is string => secret !== null);
  const { clock, calls } = options;
  return {
    sms: sms && smsSecret ? new WebhookGatewayChannel(sms, { channel: 'sms', secret: smsSecret, clock }) : null,
    voice:
      voice && voiceSecret
        ? new WebhookGatewayChannel(voice, { channel: 'voice', secret: voiceSecret, clock, calls })
        : null,
    events: secrets.length > 0 ? new WebhookVerifier(secrets) : null,
  };
}
