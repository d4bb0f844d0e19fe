import { readFileSync } from 'node:fs';
import { Client } from 'ldapts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SAMBA_BASE_DN, SAMBA_LDAPS_URL, SAMBA_NETBIOS, startSambaAd, type SambaAd,
} from '../server/support/samba-ad-server';
import type { SambaUser } from '../server/support/samba-ad-seed';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { startDirectoryStack, stopAll, type DirectoryStack } from './support/directory-stack';
import { rememberSecret } from './support/log-sweep';
import { checkScreen } from './support/screen-check';
import {
  describeScreen, expectDone, fillChange, fillNewPassword, newWizardPage, passEmailCode, screen, startWith, UNLOCK_LINK,
} from './support/wizard-steps';

// Reset, unlock and change through the wizard (Chromium, the real main-process handlers) against the real reset
// server process in production mode over a real Samba AD domain controller (LDAPS, a private CA) and a real SMTP
// relay: the email method is the person's `mail` attribute. Every outcome is then checked in the domain itself.
// One Samba at a time: startSambaAd() holds the lock on its fixed ports until destroy().

let ad: SambaAd | undefined;
let stack: DirectoryStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ad = await startSambaAd();
  const { caFile, service } = ad;
  rememberSecret(service.password, 'password');
  stack = await startDirectoryStack({
    servicePassword: service.password,
    directory: (passwordFile) => ({
      kind: 'activeDirectory',
      connection: {
        urls: [SAMBA_LDAPS_URL],
        security: 'ldaps',
        caFile,
        bindDn: service.dn,
        bindPassword: { file: passwordFile },
        baseDn: SAMBA_BASE_DN,
      },
      netbiosNames: [SAMBA_NETBIOS],
      upnSuffixes: ['example.test'],
    }),
  });
  browser = await launchChromium();
}, 960_000);

afterAll(async () => {
  await stopAll([() => browser?.close(), () => stack?.stop(), () => ad?.destroy()]);
}, 60_000);

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

const domain = () => ad as SambaAd;
const mailOf = (sam: string) => `${sam}.mail@example.test`;
const codeFor = (sam: string) => () => (stack as DirectoryStack).nextCodeFor(mailOf(sam));

/** A fresh user with a mail address (the email method), so that no test depends on another's changes. */
async function newUser(sam: string): Promise<SambaUser> {
  const user = await domain().addUser(sam, { extra: { mail: mailOf(sam) } });
  rememberSecret(user.password, 'password');
  return user;
}

/** A simple bind over LDAPS with the test CA: the domain controller's own answer to "does this password work?". */
async function binds(user: SambaUser, password: string): Promise<boolean> {
  const client = new Client({ url: SAMBA_LDAPS_URL, tlsOptions: { ca: readFileSync(domain().caFile) } });
  try {
    await client.bind(user.dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** AD's computed lock bit (UF_LOCKOUT in msDS-User-Account-Control-Computed) and lockoutTime, read as Administrator. */
async function lockState(user: SambaUser): Promise<{ locked: boolean; lockoutTime: string }> {
  const admin = await domain().admin();
  try {
    const { searchEntries } = await admin.search(user.dn, {
      scope: 'base',
      attributes: ['msDS-User-Account-Control-Computed', 'lockoutTime'],
    });
    const entry: Record<string, unknown> = searchEntries[0] ?? {};
    const computed = Number(entry['msDS-User-Account-Control-Computed'] ?? 0);
    return { locked: (computed & 0x10) !== 0, lockoutTime: String(entry.lockoutTime ?? '') };
  } finally {
    await admin.unbind();
  }
}

describe('the wizard against Samba AD, production mode', () => {
  it('resets Rita with a code mailed to her directory address; AD takes the new password, not the old', async () => {
    const rita = await newUser('rita');
    expect(await binds(rita, rita.password)).toBe(true);
    await startWith(page, 'rita');
    await expect.poll(() => page.getByRole('radio', { name: /r•+@example\.test/u }).count()).toBe(1);
    await checkScreen(page, 'ad-01-choose-method');
    await passEmailCode(page, codeFor('rita'));
    const newPassword = 'Violet-Canyon-92!';
    await fillNewPassword(page, newPassword);
    await expectDone(page, 'Your password has been reset');
    await checkScreen(page, 'ad-02-reset-done');

    expect(await binds(rita, newPassword)).toBe(true);
    expect(await binds(rita, rita.password)).toBe(false);
    const log = stack?.server.output() ?? '';
    expect(log).not.toContain(newPassword);
    expect(log).not.toContain(domain().service.password);
  });

  it('unlocks Ulla after three wrong binds locked her; AD then lets her unchanged password in', async () => {
    const ulla = await newUser('ulla');
    await domain().lockByFailedBinds(ulla);
    expect((await lockState(ulla)).locked).toBe(true);
    expect(await binds(ulla, ulla.password)).toBe(false);

    await startWith(page, 'ulla', UNLOCK_LINK);
    await passEmailCode(page, codeFor('ulla'));
    await expectDone(page, 'Your account has been unlocked');
    await checkScreen(page, 'ad-03-unlock-done');

    expect(await lockState(ulla)).toEqual({ locked: false, lockoutTime: '0' });
    expect(await binds(ulla, ulla.password)).toBe(true);
  });

  it('changes Chad\'s password with his old one; changing back is refused by AD\'s password history', async () => {
    const chad = await newUser('chad');
    // A first password ResetDesk's own rules accept too (the seeded one contains his user ID).
    const first = 'Quartz-Lantern-58%';
    rememberSecret(first, 'password');
    await domain().tool(['user', 'setpassword', 'chad', `--newpassword=${first}`]);
    const second = 'Amber-Glacier-63?';
    await startWith(page, 'chad', 'Change password');
    await fillChange(page, first, second);
    await expectDone(page, 'Your password has been changed');
    await checkScreen(page, 'ad-04-change-done');
    expect(await binds(chad, second)).toBe(true);
    expect(await binds(chad, first)).toBe(false);

    await page.getByRole('button', { name: 'Finish' }).click();
    await startWith(page, 'chad', 'Change password');
    await fillChange(page, second, first);
    await expect.poll(() => page.getByText("It does not meet your organisation's own password rules.", {
      exact: false,
    }).count()).toBe(1);
    expect(await screen(page, 'changePassword').count()).toBe(1);
    await checkScreen(page, 'ad-05-change-rejected-history');
    expect(await binds(chad, second)).toBe(true);
    expect(await binds(chad, first)).toBe(false);
  });
});
