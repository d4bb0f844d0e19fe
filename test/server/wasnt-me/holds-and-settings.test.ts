import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { runCli } from '../support/cli-runner';
import { call, createTestServer } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';
import { confirm, noticeTo, outbox, resetByEmail, wasntMeServer } from './wasnt-me-support';

// What surrounds a confirmed "This wasn't me": the change path refused too, an administrator lifting the hold with
// the CLI, and a server without a public address sending notices without a link.

let close: (() => Promise<void>) | null = null;

afterEach(async () => {
  await close?.();
  close = null;
});


describe('account holds', () => {
  it('refuse a change after the right old password, and end with `holds release`', async () => {
    const made = await wasntMeServer();
    close = made.close;
    const server: TestServer = made.server;
    await resetByEmail(server, 'adele', 'adele@contoso.example');
    expect((await confirm(server, (await noticeTo(server, 'adele@contoso.example')).token)).status).toBe(200);

    const started = await call<{ flowToken: string }>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'change', username: 'adele' },
    });
    const changed = await call<{ error?: { code: string } }>(server.app, 'POST', ROUTES.changePassword, {
      token: started.body.flowToken,
      body: { oldPassword: 'Blue-Harbor-42-Kite', newPassword: 'Green-Meadow-77-Lamp' },
    });
    expect(changed.status).toBe(403);
    expect(changed.body.error?.code).toBe('CONTACT_ADMIN');

    const listed = await runCli(server.config.dataDir, ['holds', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\tadele\t.+\twasnt_me/u);
    const released = await runCli(server.config.dataDir, ['holds', 'release', '--user', 'Adele']);
    expect(released.code).toBe(0);
    expect((await runCli(server.config.dataDir, ['holds', 'release', '--user', 'adele'])).code).toBe(1);
    expect((await runCli(server.config.dataDir, ['holds', 'list'])).stdout).toContain('No account is on hold.');
    expect((await resetByEmail(server, 'adele', 'adele@contoso.example')).status).toBe(200);
    const audit = await server.runtime.audit.list({ username: 'adele', limit: 50 });
    expect(audit.some((row) => row.event === 'hold.released')).toBe(true);
  }, 60_000);
});

describe("the demo's registered addresses", () => {
  it("send Jamal's notice to his directory address and to the one he registered, each with a link", async () => {
    const made = await wasntMeServer();
    close = made.close;
    expect((await resetByEmail(made.server, 'jamal', 'jamal@contoso.example')).status).toBe(200);
    const work = await noticeTo(made.server, 'jamal@contoso.example');
    const own = await noticeTo(made.server, 'jamal.idris@fabrikam.example');
    expect(work.token).not.toBe(own.token);
  });
});

describe('notices without a public base URL', () => {
  it('carry no link, and the rest of the notice stays', async () => {
    const server = await createTestServer({ demo: true });
    close = () => server.close();
    await resetByEmail(server, 'adele', 'adele@contoso.example');
    const notice = (await outbox(server)).find((m) => m.to === 'adele@contoso.example' && /was reset/u.test(m.body));
    expect(notice?.body).toMatch(/If this wasn't you, contact your administrator/u);
    expect(notice?.body).not.toMatch(/wasnt-me|https?:\/\/[^ ]*#/u);
  });
});

describe('the public base URL', () => {
  const load = (url: string, flags: { demo?: boolean; port?: number } = {}) =>
    loadServerConfig({ env: { RESETDESK_PUBLIC_URL: url }, flags: { dataDir: '/nonexistent', ...flags } });

  it('must be https (http only on loopback), without query or fragment; a trailing slash is dropped', () => {
    expect(() => load('http://reset.contoso.example')).toThrow(/publicBaseUrl/u);
    expect(() => load('https://reset.contoso.example/?a=1')).toThrow(/publicBaseUrl/u);
    expect(load('https://reset.contoso.example/').policy.publicBaseUrl).toBe('https://reset.contoso.example');
    expect(load('http://127.0.0.1:9000').policy.publicBaseUrl).toBe('http://127.0.0.1:9000');
  });

  it('defaults to the demo server itself on a fixed loopback port, and to none otherwise', () => {
    const demo = (port: number) => loadServerConfig({ env: {}, flags: { demo: true, port, dataDir: '/nonexistent' } });
    expect(demo(8420).policy.publicBaseUrl).toBe('http://127.0.0.1:8420');
    expect(demo(0).policy.publicBaseUrl).toBeUndefined();
    expect(loadServerConfig({ env: {}, flags: { dataDir: '/x' } }).policy.publicBaseUrl).toBeUndefined();
  });
});
