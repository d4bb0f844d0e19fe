import { ConfigError } from '../../config/config-error';
import { readSecret, SecretUnreadableError } from '../../config/secret-ref';
import { AppError } from '../../errors/app-error';
import type { Delivery, OutgoingMessage } from '../delivery';
import type { ChannelCheck, CheckOutcome } from '../health/channel-check';
import { checkTwilioAccount } from './twilio-account-check';
import type { SmsSettings } from './twilio-settings';
import { postTwilioForm } from './twilio-request';
import { TwilioCallbackVerifier } from './twilio-signature';

export interface TwilioChannelOptions {
  // Where an `env` secret is looked up (process.env by default).
  env?: Readonly<Record<string, string | undefined>>;
}

/** Reads the auth token now, so a missing one stops the server before it listens. */
export function readTwilioAuthToken(settings: SmsSettings, env?: Readonly<Record<string, string | undefined>>): string {
  try {
    return readSecret(settings.authToken, 'delivery.sms.authToken', env);
  } catch (error) {
    if (error instanceof SecretUnreadableError) throw new ConfigError(error.message);
    throw error;
  }
}

/**
 * Text messages through Twilio's Messages API: one form-encoded POST per message, HTTP Basic auth with the account
 * and its token. Sits behind the delivery queue, which retries a failure and audits it; this only says DELIVERY_FAILED.
 */
export class TwilioSmsChannel implements Delivery, ChannelCheck {
  readonly channel = 'sms' as const;
  private readonly settings: SmsSettings;
  private readonly authorization: string;
  private readonly endpoint: string;
  // Checks the status callbacks Twilio posts back (null when none is asked for: no statusCallbackUrl).
  readonly callbacks: TwilioCallbackVerifier | null;

  constructor(settings: SmsSettings, options: TwilioChannelOptions = {}) {
    this.settings = settings;
    const token = readTwilioAuthToken(settings, options.env);
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${token}`, 'utf8').toString('base64')}`;
    const base = settings.apiBaseUrl.replace(/\/+$/u, '');
    this.endpoint = `${base}/2010-04-01/Accounts/${settings.accountSid}/Messages.json`;
    this.callbacks = settings.statusCallbackUrl ? new TwilioCallbackVerifier(settings.statusCallbackUrl, token) : null;
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel !== 'sms') {
      throw new AppError('DELIVERY_FAILED', `The Twilio SMS channel sends text messages, not ${message.channel}.`);
    }
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    if (this.settings.messagingServiceSid) form.set('MessagingServiceSid', this.settings.messagingServiceSid);
    else if (this.settings.from) form.set('From', this.settings.from);
    if (this.settings.statusCallbackUrl) form.set('StatusCallback', this.settings.statusCallbackUrl);
    await postTwilioForm(this.endpoint, this.authorization, form, {
      what: 'text message',
      timeoutMs: this.settings.timeoutMs,
    });
  }

  /** The health check: Twilio's account resource (twilio-account-check.ts). */
  check(): Promise<CheckOutcome> {
    return checkTwilioAccount(this.settings, this.authorization);
  }
}
