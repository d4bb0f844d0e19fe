import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import type { LdapDirectorySettingsInput } from '../../../src-server/src/directory/ldap/ldap-settings';
import { makeTestCertificates } from './openldap-certs';
import {
  ADMIN_DN, ADMIN_PASSWORD, BASE_DN, READER_PASSWORD, SEED_GROUPS, SERVICE_DN, SERVICE_PASSWORD, seedLdif, slapdConf,
} from './openldap-seed';

export * from './openldap-seed';

/**
 * A real slapd (Debian's 2.5, ppolicy and memberof overlays) on two free loopback ports: ldap:// (StartTLS capable)
 * and ldaps://, with a throwaway CA. Its own slapd.conf and data in a temp folder; stop() kills it by PID and removes
 * the folder. stopProcess()/startProcess() take the server away and bring it back with the same data and ports.
 */
export interface OpenLdapServer {
  url: string;
  ldapsUrl: string;
  caFile: string;
  dir: string;
  stop(): Promise<void>;
  stopProcess(): Promise<void>;
  startProcess(): Promise<void>;
  /** Settings for the adapter over this server (security none on loopback unless overridden). */
  settings(overrides?: Partial<LdapDirectorySettingsInput['connection']>): LdapDirectorySettingsInput;
  /** Runs `operation` bound as the rootdn (test setup and inspection). */
  asAdmin<T>(operation: (client: Client) => Promise<T>): Promise<T>;
  /** Whether `dn` binds with `password` (a wrong password counts toward ppolicy lockout). */
  binds(dn: string, password: string): Promise<boolean>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port'))));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startOpenLdap(options: { serviceManages?: readonly string[] } = {}): Promise<OpenLdapServer> {
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-slapd-'));
  mkdirSync(join(dir, 'data'));
  const certs = makeTestCertificates(dir);
  const conf = join(dir, 'slapd.conf');
  writeFileSync(conf, slapdConf(dir, certs, options.serviceManages));
  writeFileSync(join(dir, 'seed.ldif'), seedLdif());
  execFileSync('slaptest', ['-Q', '-u', '-f', conf], { stdio: 'pipe' });
  execFileSync('slapadd', ['-q', '-f', conf, '-l', join(dir, 'seed.ldif')], { stdio: 'pipe' });
  const port = await freePort();
  const ldapsPort = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  let child: ChildProcess | null = null;

  const startProcess = async (): Promise<void> => {
    const log = openSync(join(dir, 'slapd.log'), 'a');
    // -d 0 keeps slapd in the foreground, so the PID is slapd's own.
    const started = spawn('slapd', ['-d', '0', '-h', `${url}/ ${ldapsUrl}/`, '-f', conf], {
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    child = started;
    for (let i = 0; i < 200; i += 1) {
      if (started.exitCode !== null) break;
      if ((await portOpen(port)) && (await portOpen(ldapsPort))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`slapd did not start (see ${dir}/slapd.log)`);
  };

  const stopProcess = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.pid === undefined) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    process.kill(running.pid, 'SIGTERM');
    const pid = running.pid;
    const timer = setTimeout(() => running.exitCode === null && process.kill(pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const asAdmin = async <T>(operation: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ url, timeout: 5_000, connectTimeout: 2_000 });
    try {
      await client.bind(ADMIN_DN, ADMIN_PASSWORD);
      return await operation(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };

  await startProcess();
  try {
    await asAdmin(async (client) => {
      for (const group of SEED_GROUPS) {
        await client.add(`cn=${group.cn},ou=groups,${BASE_DN}`, {
          objectClass: 'groupOfNames',
          cn: group.cn,
          member: group.members,
        });
      }
    });
  } catch (error) {
    await stopProcess();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url,
    ldapsUrl,
    caFile: certs.caFile,
    dir,
    stopProcess,
    startProcess,
    asAdmin,
    async stop() {
      await stopProcess();
      rmSync(dir, { recursive: true, force: true });
    },
    settings(overrides = {}) {
      return {
        kind: 'ldap',
        connection: {
          urls: [url],
          security: 'none',
          bindDn: SERVICE_DN,
          bindPassword: { env: 'RESETDESK_TEST_LDAP_PASSWORD' },
          baseDn: BASE_DN,
          connectTimeoutMs: 1_000,
          operationTimeoutMs: 2_000,
          ...overrides,
        },
      };
    },
    async binds(dn, password) {
      const client = new Client({ url, timeout: 5_000, connectTimeout: 2_000 });
      try {
        await client.bind(dn, password);
        return true;
      } catch {
        return false;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
  };
}

/** The service password the settings above name, for a readSecret stand-in. */
export const TEST_SECRETS: Record<string, string> = {
  RESETDESK_TEST_LDAP_PASSWORD: SERVICE_PASSWORD,
  RESETDESK_TEST_LDAP_READER: READER_PASSWORD,
  RESETDESK_TEST_LDAP_WRONG: 'not-the-service-password',
};
