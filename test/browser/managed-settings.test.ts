import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installDesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';
import { checkScreen } from './support/screen-check';

// A setting the organisation manages is applied and marked as such: here the language, set by policy to Dutch on a
// machine whose browser language is English.

const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const session = useDemoBrowser();

async function open(options: { managedSettings?: string[] }) {
  const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, session.url, { config: { locale: 'nl-NL' }, ...options });
  const page = await context.newPage();
  await shell.open(page);
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  return page;
}

describe('managed settings', () => {
  it('applies a language set by policy, marks it as the organisation’s and offers no other', async () => {
    const page = await open({ managedSettings: ['locale'] });
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => page.getByText('Ingesteld door je organisatie').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'English' }).isDisabled()).toBe(true);
    await checkScreen(page, 'managed-01-language-by-policy-nl');
  });

  it('uses a configured (not managed) language as the start, and lets the person change it', async () => {
    const page = await open({});
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('[data-managed-setting]').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  });
});
