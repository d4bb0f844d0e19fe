import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../../src-main/config/app-config';
import { createMainCore } from '../../../src-main/composition/create-main-core';
import { enrollDevice } from '../../../src-main/devices/enrollment-client';
import { appScopedMachineIdHash } from '../../../src-main/devices/machine-id';
import { createSilentLogger } from '../../../src-main/logging/logger';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { makeTempDir, TEST_SCRYPT_COST } from '../../server/support/server-fixtures';

// Policies `trustedCaFile` and `proxyUrl` against the real server over real TLS: a private CA (made with openssl) signs the server's
// certificate; the main process trusts it only when told to, and keeps the built-in roots and all checks.
const run = promisify(execFile);
let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;
let caFile: string;

async function openssl(...args: string[]): Promise<void> {
  await run('openssl', args, { cwd: temp.dir, timeout: 30_000 });
}

beforeAll(async () => {
  temp = makeTempDir();
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Contoso Test Root CA');
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(temp.dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  caFile = join(temp.dir, 'ca.pem');
  const config = loadServerConfig({
    env: {
      RESETDESK_WIZARD_DIR: temp.dir,
      RESETDESK_TLS_CERT: join(temp.dir, 'server.pem'),
      RESETDESK_TLS_KEY: join(temp.dir, 'server.key'),
    },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: join(temp.dir, 'data') },
  });
  server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, printOutbox: () => undefined, log: false });
}, 60_000);

afterAll(async () => {
  await server?.close();
  temp.remove();
});

function appInfo(config: Record<string, unknown>) {
  const core = createMainCore({
    config: parseAppConfig({ serverUrl: server.url, ...config }),
    appVersion: 'test',
    trustedOrigins: ['resetdesk://app'],
    logger: createSilentLogger(),
    retryDelaysMs: [],
  });
  return core.dispatcher.dispatch('getAppInfo', {}, { senderId: 1, senderUrl: 'resetdesk://app/index.html' });
}

/** A real forward proxy that only tunnels (CONNECT), recording where to; `refuse` answers 403 instead. */
async function startConnectProxy(refuse = false): Promise<{ url: string; targets: string[]; server: Server }> {
  const targets: string[] = [];
  const proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request, clientSocket, head) => {
    targets.push(request.url ?? '');
    if (refuse) {
      clientSocket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, targets, server: proxy };
}

describe('proxy (policy proxyUrl)', () => {
  it('reaches the server through a CONNECT tunnel, with TLS end to end', async () => {
    const proxy = await startConnectProxy();
    try {
      const result = await appInfo({ trustedCaFile: caFile, proxyUrl: proxy.url });
      expect(result).toMatchObject({ ok: true, value: { organizationName: 'Contoso' } });
      expect(proxy.targets).toEqual([new URL(server.url).host]);
    } finally {
      proxy.server.close();
    }
  });

  it('answers SERVER_UNREACHABLE when the proxy refuses the tunnel', async () => {
    const proxy = await startConnectProxy(true);
    try {
      expect(await appInfo({ trustedCaFile: caFile, proxyUrl: proxy.url })).toMatchObject({
        ok: false,
        error: { code: 'SERVER_UNREACHABLE' },
      });
    } finally {
      proxy.server.close();
    }
  });
});

describe('trusted CA (policy trustedCaFile)', () => {
  it('refuses a server certificate from an unknown CA', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    expect(await appInfo({})).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
  });

  it('trusts the organisation CA when policy names it, for the reset client and for enrollment', async () => {
    expect(await appInfo({ trustedCaFile: caFile })).toMatchObject({ ok: true, value: { organizationName: 'Contoso' } });
    const token = await server.runtime.devices.createEnrollmentToken({ expiresInMs: 60_000, maxUses: 1 });
    const enrolled = await enrollDevice(
      { serverUrl: server.url, timeoutMs: 5_000, trustedCaPem: readFileSync(caFile, 'utf8') },
      { enrollmentToken: token.token, machineIdHash: appScopedMachineIdHash('tls-machine'), deviceName: 'TLS' },
    );
    expect(enrolled.ok).toBe(true);
  });

  it('answers CONFIG_INVALID for a CA file that is missing or not a certificate', async () => {
    expect(await appInfo({ trustedCaFile: join(temp.dir, 'missing.pem') })).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID' },
    });
    expect(await appInfo({ trustedCaFile: join(temp.dir, 'server.key') })).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID' },
    });
  });
});
