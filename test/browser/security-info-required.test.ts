import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { openSqliteFile } from '../../src-server/src/store/sqlite-driver';
import { runCli } from '../server/support/cli-runner';
import { useDemoBrowser } from './support/browser-session';
import { latestCodeFor } from './support/demo-server-api';
import { installDesktopShell } from './support/desktop-shell';
import { checkBothLanguages, checkScreen } from './support/screen-check';
import { signInWithTap } from './support/tap-sign-in';

// Security info with a Temporary Access Pass, and required registration and reconfirmation (issue 14), in the desktop
// shell against the real reset server: a pass issued with the real CLI opens the list; a used and an expired pass get
// their own screens; after a change password "More information required" leads to the list (no second password),
// Done is refused below the policy's count; past the reconfirmation interval "Is your security info still accurate?".

const TEXTS = { en, nl } as const;
const session = useDemoBrowser({ policy: { captcha: { mode: 'off' }, reconfirmationDays: 1 } });
const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const errorScreen = (page: Page, code: string) => page.locator(`main[data-screen="error"][data-error-code="${code}"]`);
const password = (username: string) => DEMO_USERS.find((u) => u.username === username)?.password ?? '';

async function wizard(language: keyof typeof TEXTS = 'en'): Promise<Page> {
  const context = await session.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-US',
    viewport: { width: 1024, height: 900 } });
  const shell = await installDesktopShell(context, session.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await shell.open(page);
  return page;
}

async function issue(username: string, ...extra: string[]): Promise<string> {
  const issued = await runCli(session.dataDir, ['tap', 'issue', '--user', username, '--lifetime', '1h', ...extra]);
  expect(issued.code).toBe(0);
  return issued.stdout.trim();
}

function writeDb(statement: string, values: string[]): void {
  const db = openSqliteFile(path.join(session.dataDir, 'resetdesk.sqlite'));
  try {
    db.prepare(statement).run(values);
  } finally {
    db.close();
  }
}

/** The pass typed on the sign-in screen, ending wherever the server sends the wizard. */
async function typePass(page: Page, language: keyof typeof TEXTS, username: string, pass: string) {
  const t = TEXTS[language];
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: t.signIn.setUpSecurityInfo, exact: true }).click();
  await page.getByRole('button', { name: t.securityInfo.useTap, exact: true }).click();
  await page.locator('#security-info-tap').fill(pass);
  await page.getByRole('button', { name: t.securityInfo.signIn, exact: true }).click();
}

async function changePassword(page: Page, username: string, oldPassword: string, newPassword: string) {
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
  await expect.poll(() => screen(page, 'changePassword').count()).toBe(1);
  await page.locator('#old-password').fill(oldPassword);
  await page.locator('#new-password').fill(newPassword);
  await page.locator('#confirm-password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
}

describe('security info: Temporary Access Pass sign-in, required registration and reconfirmation', () => {
  it('signs in with a pass; a used and an expired pass each get their own screen (English and Dutch)', async () => {
    const once = await issue('bianca', '--one-time');
    const page = await wizard();
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await page.locator('#username').fill('bianca');
    await page.getByRole('button', { name: en.signIn.setUpSecurityInfo, exact: true }).click();
    await page.getByRole('button', { name: en.securityInfo.useTap, exact: true }).press('Enter');
    await expect.poll(() => page.locator('#security-info-tap').count()).toBe(1);
    await checkBothLanguages(page, 'required-01-tap-sign-in');
    await page.getByRole('button', { name: en.app.cancel, exact: true }).click();
    await signInWithTap(page, 'bianca', once);
    await checkBothLanguages(page, 'required-02-tap-signed-in');

    for (const language of ['en', 'nl'] as const) {
      const again = await wizard(language);
      await expect.poll(() => screen(again, 'username').count()).toBe(1);
      await typePass(again, language, 'bianca', once);
      await expect.poll(() => errorScreen(again, 'TAP_USED').count()).toBe(1);
      const used = TEXTS[language].errors.TAP_USED.title;
      await expect.poll(() => again.getByRole('heading', { level: 1, name: used }).count()).toBe(1);
      await checkScreen(again, `required-03-${language}-tap-used`);
      await again.getByRole('button', { name: TEXTS[language].error.startOver }).click();

      const expiring = await issue('bianca');
      writeDb(`UPDATE temporary_access_passes SET expires_at = ? WHERE created_at =
        (SELECT max(created_at) FROM temporary_access_passes)`, [new Date(Date.now() - 60_000).toISOString()]);
      await typePass(again, language, 'bianca', expiring);
      await expect.poll(() => errorScreen(again, 'TAP_EXPIRED').count()).toBe(1);
      await checkScreen(again, `required-04-${language}-tap-expired`);
    }
  });

  it('sends Bianca through registration after a change password; Done waits for a method', async () => {
    const page = await wizard();
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await changePassword(page, 'bianca', password('bianca'), 'Velvet-Harbor-88!');
    await expect.poll(() => screen(page, 'securityInfoRequired').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: en.securityInfoRequired.heading }).count())
      .toBe(1);
    await checkBothLanguages(page, 'required-05-more-information');
    await page.getByRole('button', { name: en.securityInfoRequired.continue, exact: true }).press('Enter');
    await expect.poll(() => screen(page, 'manageSecurityInfo').count()).toBe(1);
    await page.getByRole('button', { name: en.securityInfo.done, exact: true }).press('Enter');
    await expect.poll(() => page.getByText(en.errors.SECURITY_INFO_REQUIRED.title, { exact: false }).count()).toBe(1);
    await checkBothLanguages(page, 'required-06-done-refused');

    await page.getByRole('button', { name: en.securityInfo.addEmail, exact: true }).press('Enter');
    await page.locator('#registration-email').fill('bianca.required@fabrikam.example');
    await page.locator('#registration-email').press('Enter');
    await expect.poll(() => screen(page, 'confirmRegistration').count()).toBe(1);
    await page.locator('#registration-code').fill(await latestCodeFor(session.url, 'bianca.required@fabrikam.example'));
    await page.locator('#registration-code').press('Enter');
    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(1);
    await page.getByRole('button', { name: en.securityInfo.done, exact: true }).press('Enter');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
  });

  it('asks Adele whether her security info is still accurate once the interval has passed', async () => {
    const page = await wizard();
    await signInWithTap(page, 'adele', await issue('adele', '--one-time'));
    // Not due yet: no prompt; Done records the confirmation.
    expect(await page.getByRole('heading', { name: en.securityInfo.reconfirmHeading }).count()).toBe(0);
    await page.getByRole('button', { name: en.securityInfo.done, exact: true }).press('Enter');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await page.getByRole('button', { name: en.done.finish, exact: true }).press('Enter');

    // The server's clock cannot move in another process: the confirmation is moved back past the 1-day interval.
    writeDb('UPDATE security_info_profiles SET confirmed_at = ?', [new Date(Date.now() - 2 * 86_400_000).toISOString()]);
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await changePassword(page, 'adele', password('adele'), 'Velvet-Harbor-88!');
    await expect.poll(() => screen(page, 'securityInfoRequired').count()).toBe(1);
    await expect.poll(() => page.getByText(en.securityInfoRequired.reconfirm).count()).toBe(1);
    await checkBothLanguages(page, 'required-07-reconfirm-after-change');
    await page.getByRole('button', { name: en.securityInfoRequired.continue, exact: true }).press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: en.securityInfo.reconfirmHeading }).count()).toBe(1);
    await checkBothLanguages(page, 'required-08-still-accurate');
    await page.getByRole('button', { name: en.securityInfo.looksGood, exact: true }).press('Enter');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
  });
});
