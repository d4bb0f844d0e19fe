import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';
import { createTestServer, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Issue 9 item 3: X-Forwarded-For is believed only from the configured reverse proxies, and then only up to the
// right-most address that is not one of them. RESETDESK_TRUST_PROXY=1 (trust every hop, so the client's own left-most
// entry became its IP) is refused.

const PROXY = '10.0.0.5';
const PROXY_NET_MEMBER = '10.1.3.4';
const TRUSTED = `${PROXY}, 10.1.0.0/16`;

let server: TestServer | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await server?.close();
  temp?.remove();
  server = undefined;
  temp = undefined;
});

async function serverWith(policy: Record<string, unknown>, env: Record<string, string> = {}): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file, RESETDESK_TRUSTED_PROXIES: TRUSTED, ...env } });
  return server;
}

interface From {
  peer: string;
  forwardedFor?: string;
}

async function send(s: TestServer, from: From, method: 'POST', url: string, body: object, token?: string) {
  const response = await s.app.inject({
    method,
    url,
    remoteAddress: from.peer,
    headers: {
      ...(from.forwardedFor !== undefined ? { 'x-forwarded-for': from.forwardedFor } : {}),
      ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}),
    },
    payload: body,
  });
  const json = response.body ? (response.json() as FlowResponse & { error?: { code: string } }) : undefined;
  return { status: response.statusCode, code: json?.error?.code ?? null, json };
}

const start = (s: TestServer, from: From, username: string) =>
  send(s, from, 'POST', ROUTES.startFlow, { kind: 'reset', username });

/** One failed code check for `username`, every step sent the same way. */
async function failOnce(s: TestServer, from: From, username: string): Promise<void> {
  const started = await start(s, from, username);
  expect(started.status, started.code ?? '').toBe(201);
  const token = started.json?.flowToken ?? '';
  expect((await send(s, from, 'POST', ROUTES.chooseMethod, { methodId: 'email' }, token)).status).toBe(200);
  expect((await send(s, from, 'POST', ROUTES.verifyCode, { code: '000000' }, token)).code).toBe('CODE_INVALID');
}

async function auditIps(s: TestServer): Promise<(string | null)[]> {
  const rows = await s.runtime.audit.list({ limit: 500 });
  return [...new Set(rows.filter((r) => r.event === 'flow.started').map((r) => r.ip))];
}

describe('trusted proxies configuration', () => {
  it('trusts no proxy by default, reads a list of addresses and networks, and refuses anything else', () => {
    expect(loadServerConfig({ env: {} }).trustedProxies).toEqual([]);
    expect(loadServerConfig({ env: { RESETDESK_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16 ::1' } }).trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
    ]);
    for (const bad of ['*', 'true', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1', '::1/129']) {
      expect(() => loadServerConfig({ env: { RESETDESK_TRUSTED_PROXIES: bad } }), bad).toThrow(ConfigError);
    }
  });

  it('refuses the old trust-every-hop switch with a pointer to the list, and accepts it switched off', () => {
    expect(() => loadServerConfig({ env: { RESETDESK_TRUST_PROXY: '1' } })).toThrow(/RESETDESK_TRUSTED_PROXIES/u);
    expect(() => loadServerConfig({ env: { RESETDESK_TRUST_PROXY: 'true' } })).toThrow(ConfigError);
    expect(loadServerConfig({ env: { RESETDESK_TRUST_PROXY: '0' } }).trustedProxies).toEqual([]);
  });
});

describe('X-Forwarded-For from an untrusted peer changes nothing', () => {
  it('keeps the network gate on the peer address', async () => {
    const s = await serverWith({ allowedClientNetworks: ['10.7.7.0/24'], captcha: { mode: 'off' } });
    const forged = await start(s, { peer: '192.0.2.9', forwardedFor: '10.7.7.7' }, 'adele');
    expect(forged.code).toBe('DEVICE_NOT_ALLOWED');
    // A trusted proxy may say so, and the right-most address it was not told by another trusted proxy counts.
    expect((await start(s, { peer: PROXY, forwardedFor: '10.7.7.7' }, 'adele')).status).toBe(201);
    expect((await start(s, { peer: PROXY, forwardedFor: `10.7.7.7, ${PROXY_NET_MEMBER}` }, 'adele')).status).toBe(201);
    // The client wrote 10.7.7.7 itself; the proxy appended the address it really saw.
    expect((await start(s, { peer: PROXY, forwardedFor: '10.7.7.7, 192.0.2.9' }, 'adele')).code).toBe('DEVICE_NOT_ALLOWED');
  });

  it('keeps the CAPTCHA-after-failures rule on the real client, whatever address it claims', async () => {
    const s = await serverWith({ captcha: { afterFailures: 3 } });
    const peer = '192.0.2.7';
    for (const claimed of ['10.7.7.1', '10.7.7.2', '10.7.7.3']) await failOnce(s, { peer, forwardedFor: claimed }, 'adele');
    expect((await start(s, { peer, forwardedFor: '10.7.7.8' }, 'adele')).code).toBe('CAPTCHA_REQUIRED');
    expect((await start(s, { peer }, 'nobody')).code).toBe('CAPTCHA_REQUIRED');
    // Another real client (through the trusted proxy) is not affected.
    expect((await start(s, { peer: PROXY, forwardedFor: '198.51.100.4' }, 'adele')).status).toBe(201);
  });

  it('keeps the per-IP limit on the real client, whatever address it claims', async () => {
    // Email only, so that every made-up name's decoy offers an email code (decoys follow the tenant's own methods).
    const s = await serverWith({
      methods: ['email'],
      captcha: { mode: 'off' },
      throttle: { identityFailures: { max: 2, windowMinutes: 60, lockMinutes: 60 }, sharedFactor: 1 },
    });
    const peer = '192.0.2.8';
    // Each try a new name (so no account limit is reached) and a new claimed address: only the IP scope can trip.
    let limitedAfter = 0;
    for (let i = 1; i <= 4 && limitedAfter === 0; i++) {
      const from = { peer, forwardedFor: `10.8.8.${i}` };
      const started = await start(s, from, `nobody-${i}`);
      if (started.code === 'RATE_LIMITED') limitedAfter = i;
      if (started.status !== 201) continue;
      const token = started.json?.flowToken ?? '';
      await send(s, from, 'POST', ROUTES.chooseMethod, { methodId: 'email' }, token);
      const verified = await send(s, from, 'POST', ROUTES.verifyCode, { code: '000000' }, token);
      if (verified.code === 'RATE_LIMITED') limitedAfter = i;
      else expect(verified.code).toBe('CODE_INVALID');
    }
    expect(limitedAfter).toBeGreaterThan(0);
    expect((await start(s, { peer, forwardedFor: '10.8.8.99' }, 'nobody-99')).code).toBe('RATE_LIMITED');
    // A different real client claiming the same address is not limited.
    expect((await start(s, { peer: '192.0.2.88', forwardedFor: '10.8.8.1' }, 'nobody-100')).status).toBe(201);
  });

  it('writes the peer address into the audit log, never the claimed one', async () => {
    const s = await serverWith({ captcha: { mode: 'off' } });
    await start(s, { peer: '192.0.2.10', forwardedFor: '10.9.9.9' }, 'adele');
    expect(await auditIps(s)).toEqual(['192.0.2.10']);
  });
});

describe('X-Forwarded-For through trusted proxies', () => {
  it('takes the right-most address that is not a trusted proxy as the client', async () => {
    const s = await serverWith({ captcha: { mode: 'off' } });
    await start(s, { peer: PROXY, forwardedFor: '203.0.113.5' }, 'adele');
    // Two trusted proxies in a row (10.1.3.4 then 10.0.0.5): the client is what the first one saw.
    await start(s, { peer: PROXY, forwardedFor: `203.0.113.6, ${PROXY_NET_MEMBER}` }, 'adele');
    // A forged left-most entry stays on the left: the proxy's own entry wins.
    await start(s, { peer: PROXY, forwardedFor: '10.7.7.8, 203.0.113.7' }, 'adele');
    expect((await auditIps(s)).sort()).toEqual(['203.0.113.5', '203.0.113.6', '203.0.113.7']);
  });

  it('counts CAPTCHA failures per real client behind the proxy, not per claimed address', async () => {
    const s = await serverWith({ captcha: { afterFailures: 3 } });
    for (const forged of ['10.7.7.1', '10.7.7.2', '10.7.7.3']) {
      await failOnce(s, { peer: PROXY, forwardedFor: `${forged}, 10.7.7.7` }, 'adele');
    }
    expect((await start(s, { peer: PROXY, forwardedFor: '10.7.7.8, 10.7.7.7' }, 'adele')).code).toBe('CAPTCHA_REQUIRED');
    expect((await start(s, { peer: PROXY, forwardedFor: '10.7.7.8' }, 'adele')).status).toBe(201);
  });
});
