import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installDesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';
import { checkScreen } from './support/screen-check';

// The managed idle timeout: after a person walks away the wizard shows a countdown, then cancels the flow, forgets
// what was typed and returns to its first screen. Playwright's clock runs the page's time forward.

const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const countdown = (page: Page) => page.getByRole('alertdialog');

const session = useDemoBrowser();

async function openIdleWizard(locale = 'en-US') {
  const context = await session.newContext({ locale, viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, session.url, { config: { idleTimeoutSeconds: 30 } });
  const page = await context.newPage();
  await page.clock.install();
  await shell.open(page);
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  return { page, shell };
}

describe('idle timeout', () => {
  it('counts down visibly, then wipes the flow and what was typed and returns to the first screen', async () => {
    const { page } = await openIdleWizard();
    await page.locator('#username').fill('adele');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);

    await page.clock.runFor(21_000);
    await expect.poll(() => countdown(page).count()).toBe(1);
    await expect.poll(() => countdown(page).textContent()).toMatch(/ends in \d+ seconds/u);
    await checkScreen(page, 'idle-01-countdown');

    await page.clock.runFor(10_000);
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    expect(await countdown(page).count()).toBe(0);
    expect(await page.locator('#username').inputValue()).toBe('');
  });

  it('keeps the session when the person answers, and wipes text typed but never sent', async () => {
    const { page } = await openIdleWizard('nl-NL');
    await page.locator('#username').fill('adele');
    await page.clock.runFor(22_000);
    await expect.poll(() => countdown(page).count()).toBe(1);
    await checkScreen(page, 'idle-02-countdown-nl');
    await page.keyboard.press('Enter'); // the focused "I'm still here" button
    await expect.poll(() => countdown(page).count()).toBe(0);
    expect(await page.locator('#username').inputValue()).toBe('adele');

    await page.clock.runFor(31_000);
    await expect.poll(() => page.locator('#username').inputValue()).toBe('');
  });
});
