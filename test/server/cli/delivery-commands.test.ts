import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner';
import { startFakeTwilio } from '../support/fake-twilio';
import { makeTempDir } from '../support/server-fixtures';
import { startSmtpServer } from '../support/smtp-server';
import type { TestSmtpServer } from '../support/smtp-server';

// `resetdesk-server delivery test` as IT runs it: one message through the configured channel to a real SMTP relay.

let smtp: TestSmtpServer;
let temp: ReturnType<typeof makeTempDir>;

const deliveryTest = (env: Record<string, string>, ...args: string[]) =>
  runCli(join(temp.dir, 'data'), ['delivery', 'test', ...args], { env });

beforeAll(async () => {
  temp = makeTempDir();
  smtp = await startSmtpServer();
}, 60_000);

afterAll(async () => {
  await smtp?.stop();
  temp?.remove();
});

describe('resetdesk-server delivery test', () => {
  it('sends one test email through the configured relay and says it was accepted', async () => {
    const file = join(temp.dir, 'delivery.json');
    const email = { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'sspr@contoso.example' } };
    writeFileSync(file, JSON.stringify({ email }));
    const result = await deliveryTest({ RESETDESK_DELIVERY_FILE: file }, '--email', 'it@contoso.example');
    expect(result.stdout).toMatch(/^ok {4}email test message accepted for it@contoso\.example$/mu);
    expect(result.code).toBe(0);
    const [raw] = await smtp.waitForMessages(1);
    const mail = await simpleParser(raw ?? Buffer.alloc(0));
    expect(mail.subject).toContain('test message');
    expect(mail.text).toContain('No action is needed');
  }, 90_000);

  it('fails clearly for a channel that is not configured, and explains its usage', async () => {
    const sms = await deliveryTest({}, '--sms', '+31612345678');
    expect(sms.code).toBe(1);
    expect(sms.stdout).toMatch(/^FAIL {2}sms to \+31612345678: DELIVERY_FAILED: /mu);
    const usage = await deliveryTest({});
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('delivery test --email ADDRESS');
  }, 90_000);

  it('places one test call through Twilio voice that only speaks, and reports a refusal by its code', async () => {
    const account = { accountSid: `AC${'0123456789abcdef'.repeat(2)}`, authToken: 'cli-test-token' };
    const twilio = await startFakeTwilio(account);
    try {
      writeFileSync(join(temp.dir, 'twilio-token'), account.authToken);
      const file = join(temp.dir, 'delivery-voice.json');
      const voice = {
        accountSid: account.accountSid,
        authToken: { file: join(temp.dir, 'twilio-token') },
        from: '+31201234567',
        apiBaseUrl: twilio.url,
        gatherUrl: 'https://reset.contoso.example/api/v1/delivery/twilio/voice',
      };
      writeFileSync(file, JSON.stringify({ voice }));
      const placed = await deliveryTest({ RESETDESK_DELIVERY_FILE: file }, '--call', '+31612345678');
      expect(placed.stdout).toMatch(/^ok {4}voice test call placed for \+31612345678$/mu);
      expect(placed.code).toBe(0);
      const [call] = twilio.calls();
      expect(call).toMatchObject({ to: '+31612345678', from: '+31201234567', gatherAction: null, statusCallback: null });
      expect(call?.says).toEqual([{ language: 'en-US', text: expect.stringContaining('No action is needed') as string }]);

      twilio.failNext({ code: 21211, status: 400 });
      const refused = await deliveryTest({ RESETDESK_DELIVERY_FILE: file }, '--call', '+31612345678');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/^FAIL {2}voice to \+31612345678: DELIVERY_FAILED: Twilio refused the call \(HTTP 400 21211\)\.$/mu);
    } finally {
      await twilio.close();
    }
  }, 90_000);
});
