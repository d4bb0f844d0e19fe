import { randomBytes } from 'node:crypto';
import { matchLanguage } from '@resetdesk/shared';
import { ConfigError } from '../../config/config-error';
import { readSecret, SecretUnreadableError } from '../../config/secret-ref';
import { AppError } from '../../errors/app-error';
import { messagesFor } from '../../messages/catalogue';
import { systemClock } from '../../support/clock';
import type { Clock } from '../../support/clock';
import type { Delivery, OutgoingMessage } from '../delivery';
import type { ChannelCheck, CheckOutcome } from '../health/channel-check';
import { checkTwilioAccount } from '../sms/twilio-account-check';
import { TwilioCallbackVerifier } from '../sms/twilio-signature';
import { postTwilioForm } from '../sms/twilio-request';
import type { PlacedCalls } from './placed-calls';
import { callTwiml, sayLanguageOf } from './twiml';
import type { TwilioVoiceSettings } from './twilio-voice-settings';

export interface TwilioVoiceChannelOptions {
  // Where a call's answer is looked up when Twilio reports it (absent: the CLI's test call, which asks nothing).
  placedCalls?: PlacedCalls;
  // The policy's ring time (voiceCallSeconds): how long a placed call can be answered.
  ringSeconds?: number;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
}

const DEFAULT_RING_SECONDS = 60;
// The prompt (about 15 s) and the 8 s gather must fit in the ring time after the phone is picked up.
const SPEAKING_SECONDS = 25;

/** Reads the auth token now, so a missing one stops the server before it listens. */
export function readVoiceAuthToken(
  settings: TwilioVoiceSettings,
  env?: Readonly<Record<string, string | undefined>>,
): string {
  try {
    return readSecret(settings.authToken, 'delivery.voice.authToken', env);
  } catch (error) {
    if (error instanceof SecretUnreadableError) throw new ConfigError(error.message);
    throw error;
  }
}

/** The query the server adds to its callback URLs: Twilio signs the whole URL, so neither part can be changed. */
export function callbackQuery(ref: string, locale: string | null | undefined): string {
  return `?${new URLSearchParams({ ref, lang: matchLanguage([locale]) }).toString()}`;
}

/**
 * Voice calls through Twilio's Calls API: one form-encoded POST per call, carrying its TwiML (the prompt in a
 * one-digit <Gather>, in the flow's language). The call id never leaves the server: the call is remembered under a
 * random reference of ours, put in the callback URLs before the call is placed (so the answer can never come before
 * the record of the call), and Twilio's signed answer for that reference decides the pending call.
 */
export class TwilioVoiceChannel implements Delivery, ChannelCheck {
  readonly channel = 'voice' as const;
  private readonly settings: TwilioVoiceSettings;
  private readonly options: TwilioVoiceChannelOptions;
  private readonly authorization: string;
  private readonly endpoint: string;
  // Checks the gather and call status callbacks against their configured public URLs.
  readonly callbacks: { gather: TwilioCallbackVerifier; status: TwilioCallbackVerifier | null };

  constructor(settings: TwilioVoiceSettings, options: TwilioVoiceChannelOptions = {}) {
    this.settings = settings;
    this.options = options;
    const token = readVoiceAuthToken(settings, options.env);
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${token}`, 'utf8').toString('base64')}`;
    this.callbacks = {
      gather: new TwilioCallbackVerifier(settings.gatherUrl, token),
      status: settings.statusCallbackUrl ? new TwilioCallbackVerifier(settings.statusCallbackUrl, token) : null,
    };
    const base = settings.apiBaseUrl.replace(/\/+$/u, '');
    this.endpoint = `${base}/2010-04-01/Accounts/${settings.accountSid}/Calls.json`;
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel !== 'voice') {
      throw new AppError('DELIVERY_FAILED', `The Twilio voice channel places calls, not ${message.channel}.`);
    }
    const ringSeconds = this.options.ringSeconds ?? DEFAULT_RING_SECONDS;
    const ref = message.callId ? await this.rememberCall(message.callId, ringSeconds) : null;
    const query = ref ? callbackQuery(ref, message.locale) : '';
    const words = messagesFor(message.locale).voiceCall;
    const form = new URLSearchParams({
      To: message.to,
      From: this.settings.from,
      Twiml: callTwiml({
        prompt: message.body,
        noKey: words.noKey,
        language: sayLanguageOf(message.locale),
        gatherAction: ref ? `${this.settings.gatherUrl}${query}` : null,
      }),
      // Twilio's ring time before "no-answer".
      Timeout: String(Math.max(10, ringSeconds - SPEAKING_SECONDS)),
    });
    if (this.settings.statusCallbackUrl && ref) {
      form.set('StatusCallback', `${this.settings.statusCallbackUrl}${query}`);
      form.set('StatusCallbackMethod', 'POST');
    }
    await postTwilioForm(this.endpoint, this.authorization, form, { what: 'call', timeoutMs: this.settings.timeoutMs });
  }

  /** The health check: Twilio's account resource, as for text messages (sms/twilio-account-check.ts). */
  check(): Promise<CheckOutcome> {
    return checkTwilioAccount(this.settings, this.authorization);
  }

  private async rememberCall(callId: string, ringSeconds: number): Promise<string> {
    if (!this.options.placedCalls) throw new AppError('DELIVERY_FAILED', 'This voice channel cannot take answers.');
    // Each attempt its own reference: a retried call is a new call, and the failed one can never be answered.
    const ref = `RD${randomBytes(16).toString('hex')}`;
    const ringEnd = new Date((this.options.clock ?? systemClock).now().getTime() + ringSeconds * 1000);
    await this.options.placedCalls.remember('twilio', ref, callId, ringEnd);
    return ref;
  }
}
