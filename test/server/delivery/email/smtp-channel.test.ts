import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-server/src/errors/app-error';
import { SmtpChannel } from '../../../../src-server/src/delivery/email/smtp-channel';
import { EmailSettingsSchema } from '../../../../src-server/src/delivery/email/smtp-settings';
import type { EmailSettingsInput } from '../../../../src-server/src/delivery/email/smtp-settings';
import { emailCodeMessage } from '../../../../src-server/src/methods/email-code/email-code';
import { makeTempDir } from '../../support/server-fixtures';
import { startSmtpServer } from '../../support/smtp-server';
import type { TestSmtpServer } from '../../support/smtp-server';
import { makeTestCertificates } from '../../support/test-ca';
import type { TestCertificates } from '../../support/test-ca';

// The SMTP channel against a real relay in its own process (aiosmtpd): what arrives in its Maildir is parsed back.
// An organisation name and a display name with HTML's special characters show that the HTML part escapes them.
const ORGANIZATION = 'Contoso & <Partners>';
const RELAY_USER = 'resetdesk';
const RELAY_PASSWORD = 'correct horse battery staple';

let temp: ReturnType<typeof makeTempDir>;
let certificates: TestCertificates;
let plain: TestSmtpServer;
let secure: TestSmtpServer;
let smtps: TestSmtpServer;
let passwordFile: string;
let wrongPasswordFile: string;

beforeAll(async () => {
  temp = makeTempDir();
  certificates = await makeTestCertificates(temp.dir);
  passwordFile = join(temp.dir, 'smtp-password');
  writeFileSync(passwordFile, `${RELAY_PASSWORD}\n`, { mode: 0o600 });
  wrongPasswordFile = join(temp.dir, 'wrong-password');
  writeFileSync(wrongPasswordFile, 'Tr0ub4dor&3', { mode: 0o600 });
  [plain, secure, smtps] = await Promise.all([
    startSmtpServer(),
    startSmtpServer({ secure: { certificates, user: RELAY_USER, password: RELAY_PASSWORD } }),
    startSmtpServer({ implicitTls: certificates }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop(), smtps?.stop()]);
  temp?.remove();
});

function channel(settings: Partial<EmailSettingsInput> & Pick<EmailSettingsInput, 'host'>): SmtpChannel {
  const parsed = EmailSettingsSchema.parse({
    from: { address: 'no-reply@contoso.example' },
    timeoutSeconds: 5,
    ...settings,
  });
  return new SmtpChannel(parsed, { organizationName: ORGANIZATION });
}

function codeMail(to: string, code: string, locale: string | null) {
  return emailCodeMessage({
    to,
    displayName: 'Adele <Vance>',
    code,
    locale,
    organizationName: ORGANIZATION,
    lifetimeMinutes: 10,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the send did not fail');
}

describe('the SMTP channel', () => {
  it('sends an English code email with a text and an HTML part, the code only in the body', async () => {
    const before = plain.received().length;
    const smtp = channel({ host: plain.host, port: plain.port, security: 'none' });
    await smtp.send(codeMail('adele@contoso.example', '482913', 'en-GB'));
    smtp.close();
    const [raw] = (await plain.waitForMessages(before + 1)).slice(before);
    const mail = await simpleParser(raw ?? Buffer.alloc(0));
    expect(mail.subject).toBe(`${ORGANIZATION}: your password reset code`);
    expect(mail.subject).not.toMatch(/\d{6}/u);
    expect(mail.from?.value[0]).toEqual({ name: ORGANIZATION, address: 'no-reply@contoso.example' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('adele@contoso.example');
    expect(mail.text).toContain('Hello Adele <Vance>,');
    expect(mail.text).toContain('Your verification code is 482913.');
    expect(mail.text).toContain('It expires in 10 minutes and works once.');
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('482913');
    expect(html).toContain('Hello Adele &lt;Vance&gt;,');
    expect(html).toContain('Contoso &amp; &lt;Partners&gt;');
    expect(html).not.toContain('<Partners>');
    expect(html).not.toContain('<Vance>');
  });

  it('sends the Dutch words for a Dutch flow', async () => {
    const before = plain.received().length;
    const smtp = channel({ host: plain.host, port: plain.port, security: 'none' });
    await smtp.send(codeMail('adele@contoso.example', '093127', 'nl-NL'));
    smtp.close();
    const [raw] = (await plain.waitForMessages(before + 1)).slice(before);
    const mail = await simpleParser(raw ?? Buffer.alloc(0));
    expect(mail.subject).toBe(`${ORGANIZATION}: uw code om uw wachtwoord opnieuw in te stellen`);
    expect(mail.text).toContain('Hallo Adele <Vance>,');
    expect(mail.text).toContain('Uw verificatiecode is 093127.');
    expect(mail.text).toContain('De code verloopt over 10 minuten en werkt één keer.');
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Uw verificatiecode:');
    expect(html).toContain('093127');
  });

  it('gives a text-only message an escaped HTML part as well', async () => {
    const before = plain.received().length;
    const smtp = channel({ host: plain.host, port: plain.port, security: 'none' });
    await smtp.send({ channel: 'email', to: 'helpdesk@contoso.example', subject: 'Help', body: 'a <b> c\n\nnext' });
    smtp.close();
    const [raw] = (await plain.waitForMessages(before + 1)).slice(before);
    const mail = await simpleParser(raw ?? Buffer.alloc(0));
    expect(mail.text?.trim()).toBe('a <b> c\n\nnext');
    expect(mail.html).toContain('<p>a &lt;b&gt; c</p>');
  });

  it('refuses a relay that does not offer STARTTLS when STARTTLS is required', async () => {
    const before = plain.received().length;
    const smtp = channel({ host: plain.host, port: plain.port, security: 'starttls' });
    const error = await failureOf(smtp.send(codeMail('adele@contoso.example', '111111', null)));
    smtp.close();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DELIVERY_FAILED');
    expect(plain.received()).toHaveLength(before);
  });

  it('sends over STARTTLS to a relay whose certificate the configured CA signed, with AUTH', async () => {
    const before = secure.received().length;
    const smtp = channel({
      host: secure.host,
      port: secure.port,
      security: 'starttls',
      caFile: certificates.caFile,
      auth: { user: RELAY_USER, password: { file: passwordFile } },
    });
    await smtp.send(codeMail('adele@contoso.example', '654321', 'nl'));
    smtp.close();
    const [raw] = (await secure.waitForMessages(before + 1)).slice(before);
    const mail = await simpleParser(raw ?? Buffer.alloc(0));
    expect(mail.text).toContain('Uw verificatiecode is 654321.');
    expect(mail.html).toContain('654321');
  });

  it('refuses a certificate no trusted CA signed', async () => {
    const before = secure.received().length;
    const smtp = channel({
      host: secure.host,
      port: secure.port,
      security: 'starttls',
      auth: { user: RELAY_USER, password: { file: passwordFile } },
    });
    const error = await failureOf(smtp.send(codeMail('adele@contoso.example', '222222', null)));
    smtp.close();
    expect((error as AppError).code).toBe('DELIVERY_FAILED');
    // The same relay and account as the test above; only the CA is missing, so the handshake is what failed.
    expect((error as AppError).message).toMatch(/ESOCKET|ETLS/u);
    expect(secure.received()).toHaveLength(before);
  });

  it('fails as DELIVERY_FAILED with a wrong password, and the error names neither password nor address', async () => {
    const before = secure.received().length;
    const smtp = channel({
      host: secure.host,
      port: secure.port,
      security: 'starttls',
      caFile: certificates.caFile,
      auth: { user: RELAY_USER, password: { file: wrongPasswordFile } },
    });
    const error = await failureOf(smtp.send(codeMail('adele@contoso.example', '333333', null)));
    smtp.close();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DELIVERY_FAILED');
    expect((error as AppError).message).toMatch(/EAUTH/u);
    expect((error as AppError).message).not.toMatch(/Tr0ub4dor|adele|333333/u);
    expect(secure.received()).toHaveLength(before);
  });

  it('sends over implicit TLS (SMTPS) with the configured CA, and refuses it without', async () => {
    const before = smtps.received().length;
    const trusted = channel({ host: smtps.host, port: smtps.port, security: 'tls', caFile: certificates.caFile });
    await trusted.send(codeMail('adele@contoso.example', '555555', 'en'));
    trusted.close();
    const [raw] = (await smtps.waitForMessages(before + 1)).slice(before);
    expect((await simpleParser(raw ?? Buffer.alloc(0))).text).toContain('Your verification code is 555555.');

    const untrusted = channel({ host: smtps.host, port: smtps.port, security: 'tls' });
    const error = await failureOf(untrusted.send(codeMail('adele@contoso.example', '666666', 'en')));
    untrusted.close();
    expect((error as AppError).code).toBe('DELIVERY_FAILED');
    expect(smtps.received()).toHaveLength(before + 1);
  });

  it('refuses to send without AUTH where the relay requires it', async () => {
    const smtp = channel({ host: secure.host, port: secure.port, security: 'starttls', caFile: certificates.caFile });
    const error = await failureOf(smtp.send(codeMail('adele@contoso.example', '444444', null)));
    smtp.close();
    expect((error as AppError).code).toBe('DELIVERY_FAILED');
  });
});
