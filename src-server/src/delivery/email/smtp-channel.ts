import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { ConfigError } from '../../config/config-error';
import { readSecret, SecretUnreadableError } from '../../config/secret-ref';
import { AppError } from '../../errors/app-error';
import { textToHtml } from '../../messages/email-template';
import type { Delivery, OutgoingMessage } from '../delivery';
import type { ChannelCheck, CheckOutcome } from '../health/channel-check';
import { smtpPort } from './smtp-settings';
import type { EmailSettings } from './smtp-settings';

export interface SmtpChannelOptions {
  // The From name when the settings give none, and the heading of an HTML part made from text.
  organizationName: string;
  // Where an `env` secret is looked up (process.env by default).
  env?: Readonly<Record<string, string | undefined>>;
}

function readCaFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`delivery.email.caFile: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
}

function transportFor(settings: EmailSettings, password: string | null, ca: Buffer | null) {
  const timeout = settings.timeoutSeconds * 1000;
  return createTransport({
    host: settings.host,
    port: smtpPort(settings),
    secure: settings.security === 'tls',
    // STARTTLS is demanded, not hoped for: a relay (or someone in between) that does not offer it gets no message.
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    // The system's roots unless a CA is named; certificate and name checks always on.
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
    ...(settings.auth && password !== null ? { auth: { user: settings.auth.user, pass: password } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    // nodemailer's own logging would write the conversation, AUTH included: off.
    logger: false,
    debug: false,
  });
}

/** Why a send failed: nodemailer's code and the relay's reply code, never the text (it may quote addresses). */
function failureOf(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const reply = typeof responseCode === 'number' ? ` ${responseCode}` : '';
  return `${typeof code === 'string' ? code : 'ERROR'}${reply}`;
}

/**
 * Email over SMTP (nodemailer): one connection per message, TLS as the settings say, the text and HTML parts of the
 * message. Sits behind the delivery queue, which retries a failure and audits it; this only says DELIVERY_FAILED.
 */
export class SmtpChannel implements Delivery, ChannelCheck {
  readonly channel = 'email' as const;
  private readonly transport: ReturnType<typeof transportFor>;
  private readonly from: { name: string; address: string };
  private readonly organizationName: string;

  constructor(settings: EmailSettings, options: SmtpChannelOptions) {
    let password: string | null = null;
    if (settings.auth) {
      try {
        password = readSecret(settings.auth.password, 'delivery.email.auth.password', options.env);
      } catch (error) {
        if (error instanceof SecretUnreadableError) throw new ConfigError(error.message);
        throw error;
      }
    }
    const ca = settings.caFile ? readCaFile(settings.caFile) : null;
    this.transport = transportFor(settings, password, ca);
    this.from = { name: settings.from.name ?? options.organizationName, address: settings.from.address };
    this.organizationName = options.organizationName;
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel !== 'email') {
      throw new AppError('DELIVERY_FAILED', `The SMTP channel sends email, not ${message.channel}.`);
    }
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        html: message.html ?? textToHtml(message.body, message.subject, this.organizationName),
        // Nothing to reply to: a code is not a conversation (and auto-replies should not come back).
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      throw new AppError('DELIVERY_FAILED', `The email could not be sent (${failureOf(error)}).`);
    }
  }

  /** The health check: connect, EHLO, STARTTLS and AUTH as a send would, then QUIT (nodemailer's verify). */
  async check(): Promise<CheckOutcome> {
    try {
      await this.transport.verify();
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: failureOf(error) };
    }
  }

  close(): void {
    this.transport.close();
  }
}
