import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { startChannelStack, type ChannelStack } from './support/channel-stack';
import { launchChromium } from './support/chromium';
import { stopAll } from './support/directory-stack';
import { installDesktopShell } from './support/desktop-shell';
import { checkScreen } from './support/screen-check';
import { describeScreen, screen, startWith } from './support/wizard-steps';

// Issue 12, "Channels that are down", in the wizard: a production-mode server whose SMTP relay is stopped. Nina
// (email and phone) sees the chooser without email and the line saying so; Omar (email only) sees the screen that
// nothing can be offered, with the helpdesk option, in English and Dutch. Screenshots and an axe scan of each.
let stack: ChannelStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  stack = await startChannelStack({
    policy: { methods: ['email', 'sms'], captcha: { mode: 'off' }, helpdeskEmail: 'helpdesk@example.test' },
    users: [
      { username: 'nina', displayName: 'Nina Smit', email: 'nina@example.test', phone: '+31612345678' },
      { username: 'omar', displayName: 'Omar Haddad', email: 'omar@example.test' },
    ],
  });
  browser = await launchChromium();
  await stack.smtp.goDown();
  await stack.emailIs('down');
}, 90_000);

afterAll(async () => {
  await stopAll([() => browser?.close(), () => stack?.stop()]);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && context) {
    const [page] = context.pages();
    if (page) console.error(await describeScreen(page), stack?.server.output().slice(-3000));
  }
  await context?.close();
  context = undefined;
});

async function wizard(language: 'en' | 'nl'): Promise<Page> {
  if (!browser || !stack) throw new Error('not started');
  context = await browser.newContext({
    locale: language === 'nl' ? 'nl-NL' : 'en-US',
    viewport: { width: 1024, height: 768 },
    reducedMotion: 'reduce',
  });
  const shell = await installDesktopShell(context, stack.server.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await shell.open(page);
  return page;
}

describe('a channel that is down, in the wizard', () => {
  it('leaves email out of the chooser and says so in one line', async () => {
    const page = await wizard('en');
    await startWith(page, 'nina');
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    const lines = page.locator('[data-unavailable-channels] [data-channel-down]');
    expect(await lines.allTextContents()).toEqual([en.channelDown.email]);
    expect(await page.getByRole('radio').count()).toBe(1);
    await expect.poll(() => page.getByRole('radio').first().isChecked()).toBe(true);
    await checkScreen(page, 'channel-down-chooser');
  });

  for (const language of ['en', 'nl'] as const) {
    it(`shows Omar the none-available screen with the helpdesk option (${language})`, async () => {
      const texts = language === 'nl' ? nl : en;
      const page = await wizard(language);
      await startWith(page, 'omar', language === 'nl' ? 'Volgende' : 'Next');
      const none = page.locator('main[data-screen="error"][data-error-code="METHODS_UNAVAILABLE"]');
      await expect.poll(() => none.count()).toBe(1);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(texts.errors.METHODS_UNAVAILABLE.title);
      const alert = page.getByRole('alert');
      expect(await alert.textContent()).toContain(texts.errors.METHODS_UNAVAILABLE.action);
      expect(await alert.textContent()).toContain(texts.channelDown.email);
      await checkScreen(page, `channel-down-none-available-${language}`);
      // By keyboard: the helpdesk button, then the confirmation takes the focus (a screen reader reads it).
      const ask = page.getByRole('button', { name: texts.help.ask });
      await ask.focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-help-confirmation') ?? false))
        .toBe(true);
      expect(await page.locator('[data-help-confirmation]').textContent()).toBe(texts.help.sent);
      await checkScreen(page, `channel-down-help-sent-${language}`);
    });
  }
});
