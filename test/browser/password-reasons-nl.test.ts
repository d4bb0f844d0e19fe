import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { latestCodeFor } from './support/demo-server-api';
import { installDesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';

// A refused new password names its reason in Dutch too: the live verdict with the banned terms found and the score,
// and the final refusal (reset-wizard.test.ts walks the same in English).

const session = useDemoBrowser();

const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);

describe('password refusal reasons in Dutch', () => {
  it('names the banned terms and the score as the person types, and the reason of the final refusal', async () => {
    const context = await session.newContext({ locale: 'nl-NL' });
    const shell = await installDesktopShell(context, session.url);
    const page = await context.newPage();
    await shell.open(page);
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await page.locator('#username').fill('adele');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    await page.locator('#code').fill(await latestCodeFor(session.url, 'adele@contoso.example'));
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);

    await page.locator('#new-password').fill('C0ntos0Blank12');
    await expect.poll(() => page.getByText('Het bevat „contoso” en „blank”: 4 van de 5 benodigde punten.').count()).toBe(1);
    await page.locator('#new-password').fill('Violet-Canyon-92!');
    await expect.poll(() => page.getByText(nl.newPassword.verdictAccepted).count()).toBe(1);

    await page.locator('#new-password').fill('Password123!');
    await page.locator('#confirm-password').fill('Password123!');
    await page.getByRole('button', { name: nl.newPassword.submit }).click();
    await expect.poll(() => page.getByText(nl.newPassword.rejected).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(nl.passwordReasons.BANNED_PASSWORD, { exact: false }).count()).toBeGreaterThan(0);
    expect(await screen(page, 'newPassword').count()).toBe(1);
  });
});
