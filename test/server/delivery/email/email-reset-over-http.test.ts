import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { RunningServer } from '../../../../src-server/src/runtime/start-server';
import { makeTempDir } from '../../support/server-fixtures';
import { startSmtpServer } from '../../support/smtp-server';
import type { TestSmtpServer } from '../../support/smtp-server';
import { postFlow, startNonDemoServer } from '../../support/non-demo-server';
import { makeTestCertificates } from '../../support/test-ca';

// A real (non-demo) reset server configured for SMTP, over a real socket: the code reaches the relay (aiosmtpd with
// STARTTLS and AUTH, trusted through a private CA) in the flow's language, is read from its Maildir like a person
// reads their mail, and typed back in.
const RELAY_USER = 'resetdesk';
const RELAY_PASSWORD = 'a relay password for tests';

let temp: ReturnType<typeof makeTempDir>;
let relay: TestSmtpServer;
let server: RunningServer;

beforeAll(async () => {
  temp = makeTempDir();
  const certificates = await makeTestCertificates(temp.dir);
  relay = await startSmtpServer({ secure: { certificates, user: RELAY_USER, password: RELAY_PASSWORD } });
  writeFileSync(join(temp.dir, 'smtp-password'), RELAY_PASSWORD, { mode: 0o600 });
  server = await startNonDemoServer({
    dir: temp.dir,
    delivery: {
      email: {
        host: relay.host,
        port: relay.port,
        security: 'starttls',
        caFile: 'ca.pem',
        auth: { user: RELAY_USER, password: { file: 'smtp-password' } },
        from: { address: 'no-reply@contoso.example', name: 'Contoso IT' },
        timeoutSeconds: 5,
      },
    },
    policy: { methods: ['email'], captcha: { mode: 'off' } },
    users: [
      { username: 'nina', displayName: 'Nina Smit', email: 'nina@contoso.example' },
      { username: 'adele', displayName: 'Adele Vance', email: 'adele@contoso.example' },
    ],
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await relay?.stop();
  temp?.remove();
});

const post = (path: string, body: unknown, token?: string) => postFlow(server, path, body, token);

/** Starts a reset in `locale`, picks email, and returns the flow's token and the email as the relay received it. */
async function resetByEmail(username: string, locale: string) {
  const before = relay.received().length;
  const started = await post(ROUTES.startFlow, { kind: 'reset', username, locale });
  expect(started.status).toBe(201);
  expect(started.body.flow.step.kind).toBe('chooseMethod');
  const chosen = await post(ROUTES.chooseMethod, { methodId: 'email' }, started.body.flowToken);
  expect(chosen.status).toBe(200);
  expect(chosen.body.flow.step.kind).toBe('enterCode');
  const [raw] = (await relay.waitForMessages(before + 1)).slice(before);
  return { token: chosen.body.flowToken, mail: await simpleParser(raw ?? Buffer.alloc(0)) };
}

describe('a reset by email over SMTP (non-demo server)', () => {
  it('sends Nina a Dutch code email whose code takes her to the new-password step', async () => {
    const { token, mail } = await resetByEmail('nina', 'nl-NL');
    expect(mail.from?.value[0]).toEqual({ name: 'Contoso IT', address: 'no-reply@contoso.example' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('nina@contoso.example');
    expect(mail.subject).toBe('Contoso: uw code om uw wachtwoord opnieuw in te stellen');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const code = /Uw verificatiecode is (\d{6})\./u.exec(mail.text ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/u);
    expect(mail.subject).not.toContain(code);
    expect(mail.html).toContain('<html lang="nl">');
    expect(mail.html).toContain(code);

    const verified = await post(ROUTES.verifyCode, { code }, token);
    expect(verified.status).toBe(200);
    expect(verified.body.flow.step.kind).toBe('newPassword');
  });

  it('sends Adele the English words for an English flow, and keeps no message body after sending', async () => {
    const { token, mail } = await resetByEmail('adele', 'en-US');
    expect(mail.subject).toBe('Contoso: your password reset code');
    const code = /Your verification code is (\d{6})\./u.exec(mail.text ?? '')?.[1] ?? '';
    expect(mail.html).toContain('<html lang="en">');
    expect((await post(ROUTES.verifyCode, { code }, token)).body.flow.step.kind).toBe('newPassword');

    const { db } = server.runtime.store;
    const kept = await db.selectFrom('delivery_queue').select(['body', 'html', 'status']).execute();
    expect(kept.filter((row) => row.body !== null || row.html !== null)).toEqual([]);
    expect(await db.selectFrom('audit_log').selectAll().where('event', '=', 'delivery.failed').execute()).toEqual([]);
  });
});
