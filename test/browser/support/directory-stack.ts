import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { makeTempDir } from '../../server/support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../../server/support/smtp-server';
import { rememberSecret } from './log-sweep';
import { startResetServer, type RunningResetServer } from './reset-server-process';

/**
 * A production-shaped reset server for the browser tests against a real directory: the built server bundle as its
 * own process, NOT in demo mode, with RESETDESK_DIRECTORY_FILE naming the directory (its service password in a file)
 * and RESETDESK_DELIVERY_FILE naming a real SMTP relay (aiosmtpd on loopback). Codes are read from the relay's
 * Maildir, as the person would read their mail.
 */
export interface DirectoryStack {
  server: RunningResetServer;
  smtp: TestSmtpServer;
  /** The code in the next message to `address` not read yet (waits for it to arrive). */
  nextCodeFor(address: string): Promise<string>;
  stop(): Promise<void>;
}

export interface DirectoryStackOptions {
  /** The directory file's content, given the file that holds the service password (for `bindPassword: { file }`). */
  directory(servicePasswordFile: string): unknown;
  servicePassword: string;
  policy?: Record<string, unknown>;
}

export async function startDirectoryStack(options: DirectoryStackOptions): Promise<DirectoryStack> {
  const temp = makeTempDir('resetdesk-dirstack-');
  const stoppers: (() => Promise<void> | void)[] = [() => temp.remove()];
  const stop = () => stopAll(stoppers.splice(0).reverse());
  try {
    const smtp = await startSmtpServer();
    stoppers.push(() => smtp.stop());
    const passwordFile = join(temp.dir, 'service-password');
    writeFileSync(passwordFile, options.servicePassword, { mode: 0o600 });
    const files = {
      directory: join(temp.dir, 'directory.json'),
      delivery: join(temp.dir, 'delivery.json'),
      policy: join(temp.dir, 'policy.json'),
    };
    writeFileSync(files.directory, JSON.stringify(options.directory(passwordFile)));
    // Security none: allowed for a relay on loopback only (nothing crosses a network).
    const email = { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'no-reply@example.test' } };
    writeFileSync(files.delivery, JSON.stringify({ email }));
    writeFileSync(files.policy, JSON.stringify({ organizationName: 'Example', ...options.policy }));
    const server = await startResetServer({
      demo: false,
      env: {
        RESETDESK_DIRECTORY_FILE: files.directory,
        RESETDESK_DELIVERY_FILE: files.delivery,
        RESETDESK_POLICY_FILE: files.policy,
      },
    });
    stoppers.push(() => server.stop());
    const read = new Map<string, number>();
    return {
      server,
      smtp,
      stop,
      async nextCodeFor(address) {
        const wanted = address.toLowerCase();
        const deadline = Date.now() + 20_000;
        for (;;) {
          const messages = await Promise.all(smtp.received().map((raw) => simpleParser(raw)));
          const mine = messages.filter((mail) => mailTo(mail).includes(wanted));
          const seen = read.get(wanted) ?? 0;
          const code = /\b(\d{6})\b/u.exec(mine[seen]?.text ?? '')?.[1];
          if (code) {
            read.set(wanted, seen + 1);
            rememberSecret(code, 'code');
            return code;
          }
          if (Date.now() > deadline) throw new Error(`no new code for ${address} in ${smtp.maildir}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function mailTo(mail: Awaited<ReturnType<typeof simpleParser>>): string {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.map((address) => address.text.toLowerCase()).join(',');
}

/** Runs every stop, even after one fails, then reports the first failure: no process outlives its test file. */
export async function stopAll(stoppers: (() => Promise<void> | void)[]): Promise<void> {
  let first: unknown = null;
  for (const stopOne of stoppers) {
    try {
      await stopOne();
    } catch (error) {
      first ??= error;
    }
  }
  if (first) throw first;
}
