import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { latestCodeFor, outboxFor } from './support/demo-server-api';
import { installDesktopShell, type DesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';
import { tabTo, tabToField } from './support/keyboard';
import { checkBothLanguages, checkScreen } from './support/screen-check';

// Security info (issue 14) end to end in the desktop shell (the preload bridge, the real main-process handlers, the
// real reset server process): Bianca, with nothing registered, signs in with her password, adds an email address
// and a mobile phone, each proved with the code sent to it, by keyboard only; then resets her password with them.

const bianca = DEMO_USERS.find((u) => u.username === 'bianca');
const PRIVATE = 'bianca.home@fabrikam.example';
const PHONE = '+31687654321';
const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);

const session = useDemoBrowser();
let page: Page;
let shell: DesktopShell;

describe('security info in the desktop shell', () => {
  beforeEach(async () => {
    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 900 } });
    shell = await installDesktopShell(context, session.url);
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  it('registers an email address and a phone by keyboard, then resets the password with the phone', async () => {
    if (!bianca) throw new Error('no demo user bianca');
    await shell.open(page);
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await page.locator('#username').fill(bianca.username);
    await tabTo(page, 'Set up security info');

    await expect.poll(() => screen(page, 'signIn').count()).toBe(1);
    await checkBothLanguages(page, 'security-info-01-sign-in');
    await tabToField(page, '#security-info-password');
    await page.keyboard.type('Not-Her-Password-1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Your user ID or password is incorrect', { exact: false }).count()).toBe(1);
    await checkScreen(page, 'security-info-02-sign-in-wrong');
    // After a wrong password the field is empty and has the focus again.
    await page.keyboard.type(bianca.password);
    await page.keyboard.press('Enter');

    await expect.poll(() => screen(page, 'manageSecurityInfo').count()).toBe(1);
    await expect.poll(() => page.getByText("You haven't set up any methods yet.").count()).toBe(1);
    // "Security info" once (the frame's title); the focused h1 names the list, so the two never read the same.
    expect(await page.getByText('Security info', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Your methods');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your methods');
    await checkBothLanguages(page, 'security-info-03-empty');

    await tabTo(page, 'Add email');
    // The form took the focus to its field.
    await page.keyboard.type(PRIVATE);
    await checkBothLanguages(page, 'security-info-04-add-email');
    await tabToField(page, '#registration-email');
    await page.keyboard.press('Enter');
    await expect.poll(() => screen(page, 'confirmRegistration').count()).toBe(1);
    await checkBothLanguages(page, 'security-info-05-confirm-email');
    // Its own title, not the reset wizard's; "Back" stands with the submit button.
    expect(await page.locator('.rd-app-title').textContent()).toBe('Security info');
    expect(await page.locator('.rd-actions').getByRole('button', { name: 'Back' }).count()).toBe(1);
    await tabToField(page, '#registration-code');
    await page.keyboard.type(await latestCodeFor(session.url, PRIVATE));
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(1);
    await tabTo(page, 'Add phone');
    await page.keyboard.type('+31 6 8765 4321');
    await checkBothLanguages(page, 'security-info-06-add-phone');
    await tabToField(page, '#registration-phone');
    await page.keyboard.press('Enter');
    await expect.poll(() => screen(page, 'confirmRegistration').count()).toBe(1);
    await tabToField(page, '#registration-code');
    await page.keyboard.type(await latestCodeFor(session.url, PHONE));
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(2);
    await expect.poll(() => page.getByText('••• ••• ••21').count()).toBe(1);
    // After a change the list's screen comes again, and its heading has the focus (screen readers announce it).
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Your methods');
    await checkBothLanguages(page, 'security-info-07-two-methods');
    // Each method's row stays one line: its buttons sit beside its text, not under it.
    for (const row of await page.locator('[data-security-info-list] li').all()) {
      const box = await row.boundingBox();
      expect(box?.height ?? 0).toBeLessThan(90);
    }
    // Every change was told to the address, in the flow's language.
    const notices = (await outboxFor(session.url, PRIVATE)).filter((m) => /security info was changed/u.test(m.subject));
    expect(notices).toHaveLength(2);
    await tabTo(page, 'Done');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await checkBothLanguages(page, 'security-info-08-saved');
    await page.getByRole('button', { name: 'Finish' }).click();

    // Now a reset offers what she registered: the phone by text message.
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await page.locator('#username').fill(bianca.username);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await page.getByRole('radio', { name: /Text my mobile phone/u }).check();
    await checkScreen(page, 'security-info-09-reset-chooser');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    await page.locator('#code').fill(await latestCodeFor(session.url, PHONE));
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
    await checkScreen(page, 'security-info-10-reset-new-password');
  });
});
