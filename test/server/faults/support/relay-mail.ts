import { simpleParser } from 'mailparser';
import type { TestSmtpServer } from '../../support/smtp-server';

export interface RelayMail {
  to: string;
  subject: string;
  text: string;
}

// Each message parsed once: the suite polls a Maildir that grows by two messages a round.
const parsedMail = new Map<string, RelayMail>();

async function parse(raw: Buffer): Promise<RelayMail> {
  const key = raw.toString('latin1');
  const known = parsedMail.get(key);
  if (known) return known;
  const parsed = await simpleParser(raw);
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(',') : (parsed.to?.text ?? '');
  const mail = { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
  parsedMail.set(key, mail);
  return mail;
}

/** Every message the relay accepted, parsed, oldest first. */
export async function mailOf(relay: TestSmtpServer): Promise<RelayMail[]> {
  return Promise.all(relay.received().map(parse));
}

// The account notices' subjects (messages/en.ts accountNotice): they carry a date, never a code.
const NOTICE = /(password|account) was /u;

/** The code in the first message to `to` after the first `after` messages, once it arrived. */
export async function codeFromRelay(relay: TestSmtpServer, to: string, after: number): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await relay.waitForMessages(after + 1, 30_000);
    // Not the first message to `to`: an account notice of an earlier reset may arrive in between.
    const codes = (await mailOf(relay)).slice(after).filter((mail) => mail.to.includes(to) && !NOTICE.test(mail.subject));
    const code = codes.map((mail) => /\b(\d{6,10})\b/u.exec(mail.text)?.[1]).find(Boolean);
    if (code) return code;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no code reached ${to}`);
}

/** How many "your password was reset" notices went to `to`. */
export async function resetNoticesTo(relay: TestSmtpServer, to: string): Promise<number> {
  return (await mailOf(relay)).filter((mail) => mail.to.includes(to) && /password was reset/u.test(mail.subject))
    .length;
}
