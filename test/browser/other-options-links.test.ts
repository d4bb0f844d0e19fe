import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { installDesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';

// All four "Other options" links (reset, account locked, change password, set up security info) must look actionable
// and be large enough to touch in every colour scheme and at 320 px. focus-and-announcements.test.ts checks the first
// two; "Change password" and "Set up security info" arrive with the settings after the first paint, so they are
// checked here once they are there.

const TEXTS = { en, nl } as const;

const session = useDemoBrowser();

async function openWizard(language: keyof typeof TEXTS, width: number, forcedColors: boolean): Promise<Page> {
  const context = await session.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-US', viewport: { width, height: 900 } });
  const shell = await installDesktopShell(context, session.url);
  const page = await context.newPage();
  if (forcedColors) await page.emulateMedia({ forcedColors: 'active' });
  await shell.open(page);
  await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
  return page;
}

describe.each(['en', 'nl'] as const)('"Other options" links (%s)', (language) => {
  const t = TEXTS[language];
  it.each([
    { width: 1024, forcedColors: false },
    { width: 1024, forcedColors: true },
    { width: 320, forcedColors: true },
  ])('are underlined and at least 44 px tall, "Change password" included (width $width, forced colours $forcedColors)', async ({ width, forcedColors }) => {
    const page = await openWizard(language, width, forcedColors);
    await page.getByRole('button', { name: t.signIn.changePassword, exact: true }).waitFor();
    const { resetPassword, unlockAccount, changePassword, setUpSecurityInfo } = t.signIn;
    for (const label of [resetPassword, unlockAccount, changePassword, setUpSecurityInfo]) {
      const link = page.getByRole('button', { name: label, exact: true });
      expect((await link.boundingBox())?.height ?? 0, label).toBeGreaterThanOrEqual(44);
      expect(await link.evaluate((el) => getComputedStyle(el).textDecorationLine), label).toBe('underline');
    }
  });
});
