import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { outboxFor } from './support/demo-server-api';
import { installDesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';
import { checkScreen } from './support/screen-check';

// The username step's CAPTCHA (policy "always") passed without sight through the device's proof of work, and the
// "ask the helpdesk to contact me" request from an error screen, against a real server process.

const TEXTS = { en, nl } as const;

// Low proof-of-work difficulty keeps the test quick; production defaults to 16 bits.
const session = useDemoBrowser({ policy: { captcha: { mode: 'always', proofOfWorkBits: 8 } } });

async function openWizard(language: 'en' | 'nl'): Promise<Page> {
  const context = await session.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-US', viewport: { width: 1024, height: 900 } });
  const shell = await installDesktopShell(context, session.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await shell.open(page);
  await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
  return page;
}

describe.each(['en', 'nl'] as const)('CAPTCHA and helpdesk (%s)', (language) => {
  const t = TEXTS[language];

  it('asks for the CAPTCHA, and lets a person who cannot see it pass with the device, by keyboard only', async () => {
    const page = await openWizard(language);
    await page.locator('#username').fill('adele');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('img', { name: t.captcha.imageLabel }).count()).toBe(1);
    expect(await page.locator('main[data-screen="username"]').count()).toBe(1);
    await checkScreen(page, `30-${language}-captcha`);

    // Next without an answer says what is missing.
    await page.getByRole('button', { name: t.app.next }).click();
    await expect.poll(() => page.getByText(t.captcha.required).count()).toBe(1);

    await page.getByRole('button', { name: t.captcha.noSight }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(t.captcha.solved).count()).toBe(1);
    expect(await page.getByText(t.captcha.required).count()).toBe(0);
    await checkScreen(page, `31-${language}-captcha-solved`);
    await page.getByRole('button', { name: t.app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="chooseMethod"]').count()).toBe(1);
  });

  it('shows a new picture after a wrong answer', async () => {
    const page = await openWizard(language);
    await page.locator('#username').fill('adele');
    await page.getByRole('button', { name: t.app.next }).click();
    await expect.poll(() => page.locator('#captcha-text').count()).toBe(1);
    const firstPicture = await page.getByRole('img', { name: t.captcha.imageLabel }).innerHTML();
    await page.locator('#captcha-text').fill('XXXXX');
    await page.getByRole('button', { name: t.app.next }).click();
    await expect.poll(() => page.getByText(t.captcha.invalid).count()).toBe(1);
    expect(await page.getByRole('img', { name: t.captcha.imageLabel }).innerHTML()).not.toBe(firstPicture);
    await checkScreen(page, `32-${language}-captcha-wrong`);
  });

  it('sends the helpdesk a request from "not enabled", naming the user and the reason', async () => {
    const page = await openWizard(language);
    await page.locator('#username').fill('carlos');
    await page.getByRole('button', { name: t.app.next }).click();
    await page.getByRole('button', { name: t.captcha.noSight }).click();
    await expect.poll(() => page.getByText(t.captcha.solved).count()).toBe(1);
    await page.getByRole('button', { name: t.app.next }).click();
    await expect.poll(() => page.locator('main[data-error-code="ACCOUNT_NOT_ENABLED"]').count()).toBe(1);
    const before = (await outboxFor(session.url, 'helpdesk@contoso.example')).length;
    await page.getByRole('button', { name: t.help.ask }).click();
    await expect.poll(() => page.getByText(t.help.sent).count()).toBe(1);
    await checkScreen(page, `33-${language}-help-requested`);
    const messages = await outboxFor(session.url, 'helpdesk@contoso.example');
    expect(messages).toHaveLength(before + 1);
    expect(messages[0]?.body).toContain('carlos (Carlos Slattery)');
    expect(messages[0]?.body).toContain('ACCOUNT_NOT_ENABLED');
  });
});
