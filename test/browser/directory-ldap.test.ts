import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  personDn, SEED_PASSWORD, SERVICE_PASSWORD, startOpenLdap, type OpenLdapServer,
} from '../server/support/openldap-server';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { startDirectoryStack, stopAll, type DirectoryStack } from './support/directory-stack';
import { checkScreen } from './support/screen-check';
import {
  describeScreen, expectDone, fillChange, fillNewPassword, newWizardPage, passEmailCode, screen, startWith, UNLOCK_LINK,
} from './support/wizard-steps';

// Reset, unlock and change through the wizard (Chromium, the real main-process handlers) against the real reset
// server process in production mode over a real slapd with ppolicy (StartTLS, a private CA) and a real SMTP relay:
// the email method is the person's `mail` attribute. Every outcome is then checked in slapd itself.
const run = promisify(execFile);

let slapd: OpenLdapServer | undefined;
let stack: DirectoryStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  slapd = await startOpenLdap();
  const { url, caFile } = slapd;
  stack = await startDirectoryStack({
    servicePassword: SERVICE_PASSWORD,
    directory: (passwordFile) =>
      (slapd as OpenLdapServer).settings({ urls: [url], security: 'starttls', caFile, bindPassword: { file: passwordFile } }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await stopAll([() => browser?.close(), () => stack?.stop(), () => slapd?.stop()]);
});

beforeEach(async () => {
  if (!browser || !stack) throw new Error('not started');
  ({ context, page } = await newWizardPage(browser));
  const shell = await installDesktopShell(context, stack.server.url);
  await shell.open(page);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') console.error(await describeScreen(page), stack?.server.output().slice(-3000));
  await context?.close();
});

const ldap = () => slapd as OpenLdapServer;
const codeFor = (uid: string) => () => (stack as DirectoryStack).nextCodeFor(`${uid}@example.test`);

/** `ldapwhoami` over StartTLS with the test CA: the directory's own answer to "does this password work?". */
async function whoami(uid: string, password: string): Promise<boolean> {
  try {
    const { stdout } = await run('ldapwhoami', ['-x', '-ZZ', '-H', ldap().url, '-D', personDn(uid), '-w', password], {
      env: { ...process.env, LDAPTLS_CACERT: ldap().caFile, LDAPTLS_REQCERT: 'demand' },
    });
    return stdout.trim() === `dn:${personDn(uid)}`;
  } catch {
    return false;
  }
}

/** Whether ppolicy holds the entry locked (pwdAccountLockedTime present). */
async function isLocked(uid: string): Promise<boolean> {
  return ldap().asAdmin(async (client) => {
    const { searchEntries } = await client.search(personDn(uid), {
      scope: 'base',
      attributes: ['pwdAccountLockedTime'],
    });
    return [searchEntries[0]?.pwdAccountLockedTime ?? []].flat().length > 0;
  });
}

describe('the wizard against OpenLDAP (ppolicy), production mode', () => {
  it('resets Erin with a code mailed to her directory address; slapd takes the new password, not the old', async () => {
    expect(await whoami('erin', SEED_PASSWORD)).toBe(true);
    await startWith(page, 'erin');
    await expect.poll(() => page.getByRole('radio', { name: /e•+@example\.test/u }).count()).toBe(1);
    await checkScreen(page, 'ldap-01-choose-method');
    await passEmailCode(page, codeFor('erin'), () => checkScreen(page, 'ldap-02-enter-code'));
    const newPassword = 'Violet-Canyon-92!';
    await fillNewPassword(page, newPassword);
    await expectDone(page, 'Your password has been reset');
    await checkScreen(page, 'ldap-03-reset-done');

    expect(await whoami('erin', newPassword)).toBe(true);
    expect(await whoami('erin', SEED_PASSWORD)).toBe(false);
    const log = stack?.server.output() ?? '';
    expect(log).not.toContain(newPassword);
    expect(log).not.toContain(SERVICE_PASSWORD);
  });

  it('unlocks Bob after three wrong binds locked him; slapd then lets his unchanged password in', async () => {
    for (let i = 0; i < 3; i += 1) expect(await ldap().binds(personDn('bob'), `Wrong-Passw0rd-${i}`)).toBe(false);
    expect(await isLocked('bob')).toBe(true);
    expect(await whoami('bob', SEED_PASSWORD)).toBe(false);

    await startWith(page, 'bob', UNLOCK_LINK);
    await passEmailCode(page, codeFor('bob'));
    await expectDone(page, 'Your account has been unlocked');
    await checkScreen(page, 'ldap-04-unlock-done');

    expect(await isLocked('bob')).toBe(false);
    expect(await whoami('bob', SEED_PASSWORD)).toBe(true);
  });

  it('changes Carol\'s password with her old one; slapd takes the new password, not the old', async () => {
    await startWith(page, 'carol', 'Change password');
    const newPassword = 'Amber-Glacier-63?';
    await fillChange(page, SEED_PASSWORD, newPassword);
    await expectDone(page, 'Your password has been changed');
    await checkScreen(page, 'ldap-05-change-done');

    expect(await whoami('carol', newPassword)).toBe(true);
    expect(await whoami('carol', SEED_PASSWORD)).toBe(false);
  });

  it('shows ppolicy\'s minimum-age refusal of Yara\'s change, and her password stays', async () => {
    await startWith(page, 'yara', 'Change password');
    await fillChange(page, SEED_PASSWORD, 'Copper-Meadow-47#');
    await expect
      .poll(() => page.getByText('Your password was changed too recently. Try again later', { exact: false }).count())
      .toBe(1);
    expect(await screen(page, 'changePassword').count()).toBe(1);
    await checkScreen(page, 'ldap-06-change-rejected-too-young');
    expect(await whoami('yara', SEED_PASSWORD)).toBe(true);
    expect(await whoami('yara', 'Copper-Meadow-47#')).toBe(false);
  });
});
