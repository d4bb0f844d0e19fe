import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import { DEMO_METHODS } from '../../src-server/src/demo/demo-users';
import { useDemoBrowser } from './support/browser-session';
import { latestCodeFor, signIn } from './support/demo-server-api';
import { installDesktopShell } from './support/desktop-shell';
import { checkScreen } from './support/screen-check';
import { addVirtualAuthenticator, assertionFor, registerPasskey } from './support/virtual-authenticator';
import type { VirtualAuthenticator } from './support/virtual-authenticator';
import {
  describeScreen,
  expectDone,
  fillNewPassword,
  passEmailCode,
  screen,
  startWith,
  UNLOCK_LINK,
} from './support/wizard-steps';

// Issue 14, "Passkey as a reset proof", in Debian's Chromium with the DevTools-protocol virtual authenticator: a passkey
// registered (through the demo-only stand-in for the registration flow), then a reset with it; a cancelled prompt, a
// wrong credential and a replayed assertion each get their own clear screen, and the same assertion sent twice at
// once has exactly one winner. The page is served at localhost: the relying party of a loopback server (127.0.0.1
// is not a valid RP id).

const session = useDemoBrowser({ policy: { methods: [...DEMO_METHODS, 'passkey'], captcha: { mode: 'off' } } });
const base = () => session.url.replace('//127.0.0.1:', '//localhost:');

async function wizard(): Promise<{ page: Page; authenticator: VirtualAuthenticator }> {
  const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(base());
  return { page, authenticator: await addVirtualAuthenticator(context, page) };
}

async function registered(page: Page, username: string): Promise<void> {
  const result = await registerPasskey(page, username);
  expect(result, username).toMatchObject({ status: 201 });
}

async function toPasskeyStep(page: Page, username: string, link = 'Next'): Promise<void> {
  await startWith(page, username, link);
  await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
  await page.getByRole('radio', { name: /Use my passkey/u }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => screen(page, 'usePasskey').count(), { message: await describeScreen(page) }).toBe(1);
}

async function expectProblem(page: Page, code: string): Promise<void> {
  await expect.poll(() => page.locator(`form[data-passkey-problem="${code}"]`).count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
}

async function apiCall(path: string, token: string | null, body: unknown) {
  const response = await fetch(`${session.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { flowToken?: string; error?: { code: string } } };
}

async function apiPasskeyStep(username: string): Promise<{ token: string; options: object }> {
  const started = FlowResponseSchema.parse((await apiCall(ROUTES.startFlow, null, { kind: 'reset', username })).body);
  const chosen = await apiCall(ROUTES.chooseMethod, started.flowToken, { methodId: 'passkey' });
  const flow = FlowResponseSchema.parse(chosen.body);
  if (flow.flow.step.kind !== 'usePasskey') throw new Error(flow.flow.step.kind);
  return { token: flow.flowToken, options: flow.flow.step.options };
}

describe('passkey: register, then reset with it', () => {
  it('registers with the virtual authenticator and resets the password with the passkey', async () => {
    const { page, authenticator } = await wizard();
    await registered(page, 'adele');
    const [credential] = await authenticator.credentials();
    expect(credential).toMatchObject({ isResidentCredential: true });
    await toPasskeyStep(page, 'adele');
    await checkScreen(page, 'passkey-step');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await fillNewPassword(page, 'Passkey-Harbor-2291');
    await expectDone(page, 'Your password has been reset');
    expect(await signIn(session.url, 'adele', 'Passkey-Harbor-2291')).toBe(true);
    // The authenticator signed once more than at registration; the server keeps that count.
    expect((await authenticator.credentials())[0]?.signCount).toBeGreaterThan(credential?.signCount ?? 0);
  });

  it('says so when the prompt is cancelled (user verification fails), and Try again works', async () => {
    const { page, authenticator } = await wizard();
    await registered(page, 'diego');
    await toPasskeyStep(page, 'diego');
    await authenticator.setUserVerified(false);
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expectProblem(page, 'PASSKEY_CANCELLED');
    await expect.poll(() => page.getByText('The passkey prompt was cancelled').count()).toBe(1);
    await checkScreen(page, 'passkey-cancelled');
    // The same screen in Dutch, then back to English for the rest.
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => page.getByText('De passkey-vraag is geannuleerd').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Opnieuw proberen' }).count()).toBe(1);
    await checkScreen(page, 'passkey-cancelled-nl');
    await page.getByRole('button', { name: 'English' }).click();
    await authenticator.setUserVerified(true);
    await page.getByRole('button', { name: 'Try again' }).click();
    await fillNewPassword(page, 'Passkey-Meadow-3382');
    await expectDone(page, 'Your password has been reset');
  });

  it('says the prompt was cancelled when the authenticator holds no passkey for this server', async () => {
    const first = await wizard();
    await registered(first.page, 'frank');
    const { page } = await wizard();
    await toPasskeyStep(page, 'frank');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expectProblem(page, 'PASSKEY_CANCELLED');
  });

  it('refuses another account\'s passkey with its own screen', async () => {
    const first = await wizard();
    await registered(first.page, 'grace');
    // This browser's authenticator holds only henry's passkey; grace's reset gets it.
    const { page } = await wizard();
    await registered(page, 'henry');
    await toPasskeyStep(page, 'grace');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expectProblem(page, 'PASSKEY_WRONG_CREDENTIAL');
    await expect.poll(() => page.getByText("That passkey isn't registered for this account").count()).toBe(1);
    await checkScreen(page, 'passkey-wrong-credential');
  });

  it('refuses a replayed assertion with its own screen; a fresh one then passes', async () => {
    const { page } = await wizard();
    await registered(page, 'jamal');
    let captured: string | null = null;
    await page.route(`**${ROUTES.verifyPasskey}`, async (route) => {
      captured ??= route.request().postData();
      await route.continue();
    });
    await toPasskeyStep(page, 'jamal');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
    await page.unroute(`**${ROUTES.verifyPasskey}`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    // A new reset, answered with the first one's assertion (as someone who captured it would).
    await page.route(`**${ROUTES.verifyPasskey}`, (route) => route.continue({ postData: captured ?? '' }));
    await toPasskeyStep(page, 'jamal');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expectProblem(page, 'PASSKEY_REPLAYED');
    await expect.poll(() => page.getByText('That passkey answer was already used').count()).toBe(1);
    await checkScreen(page, 'passkey-replayed');
    await page.unroute(`**${ROUTES.verifyPasskey}`);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
  });

  it('accepts the same assertion sent twice at once exactly once, and never again in another flow', async () => {
    const { page } = await wizard();
    await registered(page, 'lena');
    const { token, options } = await apiPasskeyStep('lena');
    const assertion = await assertionFor(page, options);
    const both = await Promise.all([
      apiCall(ROUTES.verifyPasskey, token, { assertion }),
      apiCall(ROUTES.verifyPasskey, token, { assertion }),
    ]);
    expect(both.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    const loser = both.find((r) => r.status !== 200);
    // The winner moved the flow on (and rotated its token): the loser finds no passkey step to answer.
    expect(['FLOW_EXPIRED', 'FLOW_STEP_MISMATCH']).toContain(loser?.body.error?.code);
    const again = await apiPasskeyStep('lena');
    const replayed = await apiCall(ROUTES.verifyPasskey, again.token, { assertion });
    expect(replayed).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_REPLAYED' } } });
  });

  it('in the desktop shell (an origin that is not the RP id) says passkeys cannot be used here', async () => {
    const first = await wizard();
    await registered(first.page, 'karim');
    // The wizard served from the app's own origin (the real main process's file handler), not the reset server's:
    // the browser refuses the ceremony before any authenticator is asked (see methods/passkey/README.md).
    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 }, reducedMotion: 'reduce' });
    const shell = await installDesktopShell(context, session.url);
    const page = await context.newPage();
    await shell.open(page);
    await addVirtualAuthenticator(context, page);
    await toPasskeyStep(page, 'karim');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expectProblem(page, 'PASSKEY_UNSUPPORTED');
    await expect.poll(() => page.getByText("Passkeys can't be used here").count()).toBe(1);
    await checkScreen(page, 'passkey-unsupported-desktop');
  });

  it('counts for an administrator: passkey at the first gate, email code at the second', async () => {
    const { page } = await wizard();
    await registered(page, 'megan');
    await toPasskeyStep(page, 'megan');
    await page.getByRole('button', { name: 'Use passkey' }).click();
    // Her questions never count for an admin: the email code is what is left for the second gate.
    await passEmailCode(page, () => latestCodeFor(session.url, 'megan@contoso.example'));
    await fillNewPassword(page, 'Passkey-Granite-4471');
    await expectDone(page, 'Your password has been reset');
  });

  it('unlocks a locked account with the passkey', async () => {
    const { page } = await wizard();
    await registered(page, 'frank');
    await toPasskeyStep(page, 'frank', UNLOCK_LINK);
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await expectDone(page, 'Your account has been unlocked');
  });
});
