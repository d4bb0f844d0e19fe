import { randomBytes } from 'node:crypto';
import { matchLanguage } from '@resetdesk/shared';
import { ConfigError } from '../../config/config-error';
import { readSecret, SecretUnreadableError } from '../../config/secret-ref';
import { AppError } from '../../errors/app-error';
import type { Clock } from '../../support/clock';
import type { Delivery, OutgoingMessage } from '../delivery';
import type { CheckOutcome } from '../health/channel-check';
import { networkFailureOf } from '../network-failure';
import type { PlacedCalls } from '../voice/placed-calls';
import type { WebhookGatewaySettings } from './webhook-settings';
import { signWebhook, WEBHOOK_HEADERS, webhookSecretProblem } from './webhook-signature';

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the gateway's secret now, so a missing or malformed one stops the server before it listens. */
export function readWebhookSecret(settings: WebhookGatewaySettings, setting: string, env?: Env): string {
  let secret: string;
  try {
    secret = readSecret(settings.secret, setting, env);
  } catch (error) {
    if (error instanceof SecretUnreadableError) throw new ConfigError(error.message);
    throw error;
  }
  const problem = webhookSecretProblem(secret);
  if (problem) throw new ConfigError(`${setting}: ${problem}`);
  return secret;
}

export interface WebhookGatewayChannelOptions {
  channel: 'sms' | 'voice';
  secret: string;
  clock: Clock;
  // Where a placed call is remembered by its message id, and how long it rings (absent: no call can be answered,
  // as for `delivery test`, whose call carries no call id).
  calls?: { placed: PlacedCalls; ringSeconds: number } | undefined;
}

/**
 * Text messages or calls through the organisation's own gateway: one signed JSON POST per message (Standard
 * Webhooks), `{ type: "sms.send", id, to, body, language }` or `{ type: "call.place", id, to, prompt, language }`. A
 * call's call id never leaves the server: the message id stands for it (placed-calls.ts), and the gateway's
 * `call.answered` event names that id. Sits behind the delivery queue, which retries a failure and audits it.
 */
export class WebhookGatewayChannel implements Delivery {
  readonly channel: 'sms' | 'voice';
  private readonly settings: WebhookGatewaySettings;
  private readonly options: WebhookGatewayChannelOptions;

  constructor(settings: WebhookGatewaySettings, options: WebhookGatewayChannelOptions) {
    this.settings = settings;
    this.options = options;
    this.channel = options.channel;
  }

  async send(message: OutgoingMessage): Promise<void> {
    const { channel } = this.options;
    if (message.channel !== channel) {
      throw new AppError('DELIVERY_FAILED', `This gateway channel sends ${channel}, not ${message.channel}.`);
    }
    // A new id per attempt: a retried call is a new call, and either one's answer decides (the first that comes).
    const id = `msg_${randomBytes(18).toString('base64url')}`;
    const language = matchLanguage([message.locale]);
    const payload =
      channel === 'sms'
        ? { type: 'sms.send', id, to: message.to, body: message.body, language }
        : { type: 'call.place', id, to: message.to, prompt: message.body, language };
    if (channel === 'voice' && message.callId) await this.rememberCall(id, message.callId);
    let response: Response;
    try {
      response = await this.signedRequest(this.settings.url, id, JSON.stringify(payload));
    } catch (error) {
      throw new AppError('DELIVERY_FAILED', `The gateway could not be reached (${networkFailureOf(error)}).`);
    }
    // Only the status is repeated: the gateway's answer might quote the number or the words.
    await response.body?.cancel();
    if (!response.ok) {
      throw new AppError('DELIVERY_FAILED', `The gateway refused the message (HTTP ${response.status}).`);
    }
  }

  /** Whether the gateway says how it is (a healthUrl is configured): only then is the channel watched. */
  get checked(): boolean {
    return this.settings.healthUrl !== undefined;
  }

  /** The health check: a signed GET of the gateway's healthUrl, up on 2xx (the channel-health port). */
  async check(): Promise<CheckOutcome> {
    if (this.settings.healthUrl === undefined) return { ok: true };
    const id = `msg_${randomBytes(18).toString('base64url')}`;
    try {
      const response = await this.signedRequest(this.settings.healthUrl, id, null);
      await response.body?.cancel();
      return response.ok ? { ok: true } : { ok: false, reason: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, reason: networkFailureOf(error) };
    }
  }

  /** A POST of `body` (or a GET without one), signed the Standard Webhooks way over the body ('' for a GET). */
  private signedRequest(url: string, id: string, body: string | null): Promise<Response> {
    const timestamp = Math.floor(this.options.clock.now().getTime() / 1000);
    return fetch(url, {
      method: body === null ? 'GET' : 'POST',
      headers: {
        ...(body === null ? {} : { 'content-type': 'application/json' }),
        [WEBHOOK_HEADERS.id]: id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(this.options.secret, id, timestamp, body ?? ''),
      },
      ...(body === null ? {} : { body }),
      // A redirect would carry the code elsewhere: the gateway is configured by its exact address.
      redirect: 'error',
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
  }

  // Before the call is placed, so that an answer coming back at once finds it.
  private async rememberCall(id: string, callId: string): Promise<void> {
    const { calls, clock } = this.options;
    if (!calls) throw new AppError('DELIVERY_FAILED', 'This gateway channel cannot take answers to calls.');
    const ringEnd = new Date(clock.now().getTime() + calls.ringSeconds * 1000);
    await calls.placed.remember('webhook', id, callId, ringEnd);
  }
}
