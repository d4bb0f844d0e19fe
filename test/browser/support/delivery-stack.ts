import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { TWILIO_STATUS_PATH } from '../../../src-server/src/http/routes/twilio-status-routes';
import { TWILIO_CALL_STATUS_PATH, TWILIO_GATHER_PATH } from '../../../src-server/src/http/routes/twilio-voice-routes';
import { startFakeTwilio, type FakeTwilio } from '../../server/support/fake-twilio';
import { makeTempDir } from '../../server/support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../../server/support/smtp-server';
import { stopAll } from './directory-stack';
import { startResetServer, SERVER_BUNDLE, type RunningResetServer } from './reset-server-process';

const run = promisify(execFile);
const ACCOUNT_SID = `AC${'5a6b7c8d9e0f1234'.repeat(2)}`;
const AUTH_TOKEN = 'a-twilio-auth-token-for-the-browser-test';
export const CALLER_ID = '+31201234567';
// The public URLs Twilio is given (IT's reverse proxy); the fake posts to the server and signs for these.
const PUBLIC_BASE = 'https://reset.example.test';

export interface StackUser {
  username: string;
  displayName: string;
  email: string;
  phone: string;
}

/**
 * A production-shaped reset server for the delivery browser tests: the built server bundle as its own process, NOT
 * in demo mode, on the built-in directory (users put there with `resetdesk-server users import`, as IT would), with
 * RESETDESK_DELIVERY_FILE naming a real SMTP relay (aiosmtpd) and Twilio for SMS and voice (the fake of Twilio, in
 * the test process: the real one cannot be reached from here).
 */
export interface DeliveryStack {
  server: RunningResetServer;
  smtp: TestSmtpServer;
  twilio: FakeTwilio;
  /** The newest mail to `address` (waits for it), parsed. */
  mailTo(address: string, after: number): Promise<Awaited<ReturnType<typeof simpleParser>>>;
  stop(): Promise<void>;
}

export async function startDeliveryStack(users: readonly StackUser[]): Promise<DeliveryStack> {
  const temp = makeTempDir('resetdesk-delivery-');
  const stoppers: (() => Promise<void> | void)[] = [() => temp.remove()];
  const stop = () => stopAll(stoppers.splice(0).reverse());
  try {
    const smtp = await startSmtpServer();
    stoppers.push(() => smtp.stop());
    const twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    stoppers.push(() => twilio.close());
    const tokenFile = join(temp.dir, 'twilio-token');
    writeFileSync(tokenFile, AUTH_TOKEN, { mode: 0o600 });
    const account = { accountSid: ACCOUNT_SID, authToken: { file: tokenFile }, apiBaseUrl: twilio.url, from: CALLER_ID };
    const delivery = {
      email: { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'no-reply@example.test' } },
      sms: { provider: 'twilio', ...account, statusCallbackUrl: `${PUBLIC_BASE}${TWILIO_STATUS_PATH}` },
      voice: {
        provider: 'twilio',
        ...account,
        gatherUrl: `${PUBLIC_BASE}${TWILIO_GATHER_PATH}`,
        statusCallbackUrl: `${PUBLIC_BASE}${TWILIO_CALL_STATUS_PATH}`,
      },
    };
    const files = { delivery: join(temp.dir, 'delivery.json'), policy: join(temp.dir, 'policy.json') };
    writeFileSync(files.delivery, JSON.stringify(delivery));
    const policy = { organizationName: 'Contoso', methods: ['email', 'sms', 'voice'], captcha: { mode: 'off' } };
    writeFileSync(files.policy, JSON.stringify(policy));
    const dataDir = join(temp.dir, 'data');
    const usersFile = join(temp.dir, 'users.json');
    writeFileSync(usersFile, JSON.stringify(users));
    await run(process.execPath, [SERVER_BUNDLE, 'users', 'import', usersFile], {
      env: { ...process.env, RESETDESK_DATA_DIR: dataDir },
    });
    const server = await startResetServer({
      demo: false,
      dataDir,
      env: { RESETDESK_DELIVERY_FILE: files.delivery, RESETDESK_POLICY_FILE: files.policy },
    });
    stoppers.push(() => server.stop());
    return {
      server,
      smtp,
      twilio,
      stop,
      async mailTo(address, after) {
        const deadline = Date.now() + 20_000;
        for (;;) {
          const raw = smtp.received().slice(after);
          const mails = await Promise.all(raw.map((message) => simpleParser(message)));
          const mine = mails.filter((mail) => JSON.stringify(mail.to ?? '').toLowerCase().includes(address));
          const mail = mine.at(-1);
          if (mail) return mail;
          if (Date.now() > deadline) throw new Error(`no mail for ${address} in ${smtp.maildir}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
