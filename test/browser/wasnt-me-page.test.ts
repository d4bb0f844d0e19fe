import { describe, expect, it } from 'vitest';
import { FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import { useDemoBrowser } from './support/browser-session';
import { latestCodeFor, outboxFor, signIn } from './support/demo-server-api';
import { rememberSecret } from './support/log-sweep';
import { checkScreen } from './support/screen-check';

// The "This wasn't me" page in Chromium: opened from the notice's link after a reset, confirmed with the keyboard,
// and refused (in Dutch) when the link is used again. Each state is photographed and scanned by axe.

const session = useDemoBrowser({ policy: { wasntMe: { action: 'mustChange' } } });
const NEW_PASSWORD = 'Blue-Harbor-42-Kite';

async function post(path: string, body: object, token?: string) {
  const response = await fetch(`${session.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-resetdesk-flow': token } : {}) },
    body: JSON.stringify(body),
  });
  return FlowResponseSchema.parse(await response.json());
}

/** Adele resets her password by email code over HTTP; the link of the notice that follows. */
async function resetAndGetLink(locale: string): Promise<string> {
  const started = await post(ROUTES.startFlow, { kind: 'reset', username: 'adele', locale });
  await post(ROUTES.chooseMethod, { methodId: 'email' }, started.flowToken);
  const code = await latestCodeFor(session.url, 'adele@contoso.example');
  const verified = await post(ROUTES.verifyCode, { code }, started.flowToken);
  rememberSecret(NEW_PASSWORD, 'password');
  await post(ROUTES.setPassword, { newPassword: NEW_PASSWORD }, verified.flowToken);
  const mails = await outboxFor(session.url, 'adele@contoso.example');
  const link = mails.map((m) => /(http:\/\/\S+\/wasnt-me#t=([\w-]{43})&l=\w+)/u.exec(m.body)).find((m) => m);
  if (!link?.[1] || !link[2]) throw new Error('no "This wasn\'t me" link in the notice');
  rememberSecret(link[2], 'notice link token');
  return link[1];
}

describe('the "This wasn\'t me" page', () => {
  it('shows what happened, confirms from the keyboard, and refuses the used link in Dutch', async () => {
    const link = await resetAndGetLink('en-GB');
    const context = await session.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(link);
    const confirm = page.getByRole('button', { name: "Confirm: this wasn't me" });
    await expect.poll(() => confirm.count()).toBe(1);
    expect(await page.getByRole('status').innerText()).toMatch(/password of your account was reset on/u);
    // The token is gone from the address bar (and so from history and screenshots).
    expect(page.url()).not.toContain('#t=');
    const organisation = await page.locator('#org').innerText();
    expect(organisation).not.toBe('');
    await checkScreen(page, '60-wasnt-me-page');

    await confirm.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Self-service is stopped/u);
    expect(await page.getByRole('status').innerText()).toMatch(/new password at the next sign-in/u);
    // Focus follows the result, so a screen reader reads it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('status');
    await checkScreen(page, '61-wasnt-me-confirmed');
    expect(await signIn(session.url, 'adele', NEW_PASSWORD)).toBe(false);

    const dutch = await context.newPage();
    await dutch.goto(link.replace(/&l=\w+$/u, '&l=nl'));
    await expect.poll(() => dutch.getByRole('status').innerText()).toMatch(/Deze link werkt niet/u);
    expect(await dutch.getAttribute('html', 'lang')).toBe('nl');
    expect(await dutch.getByRole('button').count()).toBe(0);
    // A refused link still names whose page this is.
    await expect.poll(() => dutch.locator('#org').innerText()).toBe(organisation);
    await checkScreen(dutch, '62-nl-wasnt-me-used-link');
  });
});
