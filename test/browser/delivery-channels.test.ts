import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { startDeliveryStack, CALLER_ID, type DeliveryStack, type StackUser } from './support/delivery-stack';
import { installDesktopShell } from './support/desktop-shell';
import { stopAll } from './support/directory-stack';
import { rememberSecret } from './support/log-sweep';
import { checkScreen } from './support/screen-check';
import { describeScreen, screen, startWith } from './support/wizard-steps';

// A non-demo reset server with real delivery: codes by email through a real SMTP relay (aiosmtpd) and by SMS through
// the fake of Twilio, and a voice call through the fake of Twilio that the test "answers" with # by a signed
// callback, as Twilio would post it. Each in English and in Dutch, and the Dutch flow gets Dutch messages.
const LANGUAGES = {
  en: {
    locale: 'en-US',
    next: 'Next',
    labels: { email: /Email my alternate email/u, sms: /Text my mobile phone/u, voice: /Call my phone/u },
    submit: 'Reset password',
    done: 'Your password has been reset',
    mail: /Your verification code is (\d{6})\./u,
    sms: /^(\d{6}) is your Contoso verification code\./u,
    say: 'en-US',
    prompt: /press the hash key \(#\)/u,
  },
  nl: {
    locale: 'nl-NL',
    next: 'Volgende',
    labels: { email: /Stuur een e-mail/u, sms: /Sms naar mijn mobiele telefoon/u, voice: /Bel mijn telefoon/u },
    submit: 'Wachtwoord opnieuw instellen',
    done: 'Je wachtwoord is opnieuw ingesteld',
    mail: /Uw verificatiecode is (\d{6})\./u,
    sms: /^(\d{6}) is uw verificatiecode voor Contoso\./u,
    say: 'nl-NL',
    prompt: /druk dan nu op de hekje-toets \(#\)/u,
  },
} as const;
type Language = keyof typeof LANGUAGES;
type Method = 'email' | 'sms' | 'voice';
// New passwords that share nothing with the user's name or the method (the password rules refuse those).
const PASSWORD_WORDS: Record<Method, string> = { email: 'Quartz-Lantern', sms: 'Pebble-Orchard', voice: 'Thistle-Beacon' };

const userFor = (lang: Language, method: Method, index: number): StackUser => ({
  username: `${method}-${lang}`,
  displayName: `${method} ${lang}`,
  email: `${method}-${lang}@example.test`,
  phone: `+3161234${lang === 'en' ? 1 : 2}${index}00`,
});
const METHODS: Method[] = ['email', 'sms', 'voice'];
const USERS = (Object.keys(LANGUAGES) as Language[]).flatMap((lang) => METHODS.map((m, i) => userFor(lang, m, i)));

let stack: DeliveryStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startDeliveryStack(USERS);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await stopAll([() => browser?.close(), () => stack?.stop()]);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') console.error(await describeScreen(page), stack?.server.output().slice(-3000));
  await context?.close();
});

const live = () => stack as DeliveryStack;

async function openWizard(locale: string): Promise<void> {
  if (!browser) throw new Error('not started');
  context = await browser.newContext({ locale, viewport: { width: 1024, height: 768 }, reducedMotion: 'reduce' });
  page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await (await installDesktopShell(context, live().server.url)).open(page);
}

async function enterCode(code: string, next: string): Promise<void> {
  rememberSecret(code, 'code');
  await page.locator('#code').fill(code);
  await page.getByRole('button', { name: next }).click();
}

describe.each(Object.keys(LANGUAGES) as Language[])('a reset with real delivery, in %s', (lang) => {
  const words = LANGUAGES[lang];
  const shot = (name: string) => checkScreen(page, `delivery-${lang}-${name}`);

  beforeEach(async () => {
    await openWizard(words.locale);
  });

  async function chooseMethod(method: Method): Promise<StackUser> {
    const user = userFor(lang, method, METHODS.indexOf(method));
    await startWith(page, user.username, words.next);
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await expect.poll(() => page.getByRole('radio').count()).toBe(3);
    await page.getByRole('radio', { name: words.labels[method] }).check();
    if (method === 'email') await shot('01-choose-method');
    await page.getByRole('button', { name: words.next }).click();
    return user;
  }

  async function finish(method: Method): Promise<void> {
    const password = `${PASSWORD_WORDS[method]}-${lang === 'en' ? 'Canyon' : 'Polder'}-93!`;
    rememberSecret(password, 'newPassword');
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
    await page.locator('#new-password').fill(password);
    await page.locator('#confirm-password').fill(password);
    await page.getByRole('button', { name: words.submit }).click();
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: words.done }).count()).toBe(1);
    await shot(`${method}-done`);
    expect(live().server.output()).not.toContain(password);
  }

  it('by a code in an email, in the flow\'s language', async () => {
    const before = live().smtp.received().length;
    const user = await chooseMethod('email');
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    const mail = await live().mailTo(user.email, before);
    expect(mail.text).toMatch(words.mail);
    expect(mail.html || '').toContain(`lang="${lang}"`);
    await shot('02-email-enter-code');
    await enterCode(words.mail.exec(mail.text ?? '')?.[1] ?? '', words.next);
    await finish('email');
  });

  it('by a code in a text message through Twilio, in the flow\'s language', async () => {
    const before = live().twilio.messages().length;
    const user = await chooseMethod('sms');
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    const [sms] = (await live().twilio.waitForMessages(before + 1)).slice(before);
    expect(sms).toMatchObject({ to: user.phone, from: CALLER_ID });
    expect(sms?.body).toMatch(words.sms);
    await shot('03-sms-enter-code');
    await enterCode(words.sms.exec(sms?.body ?? '')?.[1] ?? '', words.next);
    await finish('sms');
  });

  it('by a voice call through Twilio answered with #, spoken in the flow\'s language', async () => {
    const before = live().twilio.calls().length;
    const user = await chooseMethod('voice');
    await expect.poll(() => screen(page, 'awaitApproval').count()).toBe(1);
    const [call] = (await live().twilio.waitForCalls(before + 1)).slice(before);
    if (!call) throw new Error('no call');
    expect(call).toMatchObject({ to: user.phone, from: CALLER_ID });
    expect(call.says[0]?.language).toBe(words.say);
    expect(call.says[0]?.text).toMatch(words.prompt);
    await shot('04-voice-waiting');
    const answered = await live().twilio.answerCall(call, { deliverTo: live().server.url });
    expect(answered.status).toBe(200);
    expect(answered.body).toContain(`<Say language="${words.say}">`);
    await finish('voice');
  });
});
