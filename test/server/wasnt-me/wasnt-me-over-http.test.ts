import { afterEach, describe, expect, it } from 'vitest';
import { WASNT_ME_ROUTES } from '@resetdesk/shared';
import { call } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';
import { confirm, lookup, noticeTo, outbox, resetByEmail, wasntMeServer } from './wasnt-me-support';

// "This wasn't me" over HTTP against the demo's built-in directory: the notice's links, the page's two calls, the
// hold that follows, and the policy's directory action.

const ADELE = 'adele@contoso.example';
const ADELE_PRIVATE = 'adele.private@fabrikam.example';
let close: (() => Promise<void>) | null = null;

afterEach(async () => {
  await close?.();
  close = null;
});

async function start(policy: object = {}): Promise<TestServer> {
  const made = await wasntMeServer(policy);
  close = made.close;
  return made.server;
}

async function userId(server: TestServer, username: string): Promise<string> {
  const user = await server.runtime.directory.findUser(username);
  if (!user) throw new Error(`no ${username}`);
  return user.id;
}

describe('"This wasn\'t me"', () => {
  it('notifies every address once with its own link; confirming holds self-service and sets must-change', async () => {
    const server = await start({ wasntMe: { action: 'mustChange' } });
    const id = await userId(server, 'adele');
    await server.runtime.wasntMe.registeredEmails.add(id, ADELE_PRIVATE);
    // The directory's own address registered again, spelt otherwise: still one notice there.
    await server.runtime.wasntMe.registeredEmails.add(id, 'Adele@Contoso.example');
    expect((await resetByEmail(server, 'adele', ADELE, 'nl-NL')).status).toBe(200);

    const mails = (await outbox(server)).filter((m) => /wasnt-me#t=/u.test(m.body));
    expect(mails.map((m) => m.to).sort()).toEqual([ADELE_PRIVATE, ADELE].sort());
    const first = await noticeTo(server, ADELE);
    const second = await noticeTo(server, ADELE_PRIVATE);
    expect(first.token).not.toBe(second.token);
    expect(first.language).toBe('nl');
    expect(first.mail.subject).not.toContain(first.token);

    const page = await server.app.inject({ method: 'GET', url: WASNT_ME_ROUTES.page });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`<script src="${WASNT_ME_ROUTES.script}"></script>`);
    expect((await server.app.inject({ method: 'GET', url: WASNT_ME_ROUTES.script })).statusCode).toBe(200);

    const seen = await lookup(server, second.token);
    expect(seen.status).toBe(200);
    expect(seen.body.kind).toBe('passwordReset');
    const confirmed = await confirm(server, second.token);
    expect(confirmed.body).toEqual({ held: true, action: 'mustChange', restriction: 'done' });
    expect(await server.runtime.directory.verifyPassword('adele', 'Blue-Harbor-42-Kite')).toBe('must_change');

    // The notice's other link is used with it.
    expect((await confirm(server, first.token)).body.error?.code).toBe('NOTICE_LINK_INVALID');
    // Reset, unlock and change are refused for her, like an account managed elsewhere.
    const again = await resetByEmail(server, 'adele', ADELE);
    expect(again.status).toBe(403);
    expect(again.body.error?.code).toBe('CONTACT_ADMIN');
    const unlock = await call<{ error?: { code: string } }>(server.app, 'POST', '/api/v1/flows', {
      body: { kind: 'unlock', username: 'adele' },
    });
    expect(unlock.body.error?.code).toBe('CONTACT_ADMIN');
    const refusals = await server.runtime.audit.list({ username: 'adele', limit: 10 });
    expect(refusals.some((row) => row.detail === 'CONTACT_ADMIN ACCOUNT_HELD')).toBe(true);

    // The helpdesk hears of it with the flow's trail: events and times, never a code or the token.
    const report = (await outbox(server)).find((m) => m.to === server.runtime.policy.helpdeskEmail);
    expect(report?.subject).toContain('adele');
    expect(report?.body).toMatch(/password\.reset success/u);
    expect(report?.body).toMatch(/verification\.passed/u);
    expect(report?.body).not.toContain(second.token);
    expect(report?.body).not.toMatch(/\b\d{6}\b/u);
  });

  it('refuses forged, reused, expired and unknown links alike, and they change nothing', async () => {
    const server = await start({ wasntMe: { action: 'disable' } });
    await resetByEmail(server, 'adele', ADELE);
    const { token } = await noticeTo(server, ADELE);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [forged, 'x'.repeat(43), 'too-short']) {
      const answer = await confirm(server, bad);
      expect([400, 410]).toContain(answer.status);
      expect((await lookup(server, bad)).status).toBe(answer.status);
    }
    expect(await server.runtime.wasntMe.holds.isHeld(await userId(server, 'adele'))).toBe(false);

    server.clock.advanceMinutes(7 * 24 * 60 + 1);
    const expired = await confirm(server, token);
    expect(expired.status).toBe(410);
    expect(expired.body.error?.code).toBe('NOTICE_LINK_INVALID');
    expect(await server.runtime.wasntMe.holds.isHeld(await userId(server, 'adele'))).toBe(false);
    expect((await server.runtime.directory.findUser('adele'))?.accountEnabled).toBe(true);
    expect((await resetByEmail(server, 'adele', ADELE)).status).toBe(200);
  });

  it("holds only the link's own account: another user's token cannot stop someone else", async () => {
    const server = await start();
    await resetByEmail(server, 'adele', ADELE);
    await resetByEmail(server, 'diego', 'diego@contoso.example');
    const diegos = await noticeTo(server, 'diego@contoso.example');
    expect((await confirm(server, diegos.token)).status).toBe(200);
    expect(await server.runtime.wasntMe.holds.isHeld(await userId(server, 'diego'))).toBe(true);
    expect(await server.runtime.wasntMe.holds.isHeld(await userId(server, 'adele'))).toBe(false);
    expect((await resetByEmail(server, 'adele', ADELE)).status).toBe(200);
  });

  it('lets exactly one of parallel confirms of one notice win', async () => {
    const server = await start();
    const id = await userId(server, 'adele');
    await server.runtime.wasntMe.registeredEmails.add(id, ADELE_PRIVATE);
    await resetByEmail(server, 'adele', ADELE);
    const tokens = [(await noticeTo(server, ADELE)).token, (await noticeTo(server, ADELE_PRIVATE)).token];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => confirm(server, tokens[i % 2] ?? '')));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error?.code === 'NOTICE_LINK_INVALID')).toHaveLength(11);
    const confirmed = await server.runtime.audit.list({ username: 'adele', limit: 50 });
    expect(confirmed.filter((row) => row.event === 'wasnt_me.confirmed')).toHaveLength(1);
  });

  it('never writes a token into the HTTP log or the audit log', async () => {
    const server = await start();
    await resetByEmail(server, 'adele', ADELE);
    const { token } = await noticeTo(server, ADELE);
    await server.app.inject({ method: 'GET', url: WASNT_ME_ROUTES.page });
    await lookup(server, token);
    expect((await confirm(server, token)).status).toBe(200);
    // Used once: the same link again changes nothing.
    expect((await confirm(server, token)).body.error?.code).toBe('NOTICE_LINK_INVALID');
    expect(server.logLines.length).toBeGreaterThan(0);
    expect(server.logLines.join('\n')).not.toContain(token);
    const rows = await server.runtime.audit.list({ limit: 500 });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.some((row) => row.event === 'wasnt_me.refused')).toBe(true);
  });
});
