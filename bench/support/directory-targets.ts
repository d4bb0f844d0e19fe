import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import type { DirectorySettings } from '../../src-server/src/directory/directory-settings';
import type { Directory } from '../../src-server/src/directory/directory';
import { createBuiltinUsers } from '../../src-server/src/directory/builtin/builtin-users';
import {
  PASSWORD_MODIFY_OID, PasswordPolicyControl, passwordModifyValue,
} from '../../src-server/src/directory/ldap/ldap-ppolicy';
import type { ServerRuntime } from '../../src-server/src/runtime/server-runtime';
import { DEFAULT_TENANT_ID } from '../../src-server/src/store/tenants';
import { PasswordHasher } from '../../src-server/src/support/password-hash';
import { systemClock } from '../../src-server/src/support/clock';
import { SERVICE_DN, SERVICE_PASSWORD, personDn, ssha, startOpenLdap } from '../../test/server/support/openldap-server';
import { SAMBA_BASE_DN, SAMBA_LDAPS_URL, startSambaAd } from '../../test/server/support/samba-ad-server';
import { TEST_SCRYPT_COST } from '../../test/server/support/server-fixtures';
import type { BenchAccount } from './reset-walk';

export type DirectoryKind = DirectorySettings['kind'];
export const DIRECTORY_KINDS: readonly DirectoryKind[] = ['builtin', 'ldap', 'activeDirectory'];

/**
 * One directory under test: its settings for the server, its seeded people, and the raw operation ResetDesk's reset
 * comes down to, done directly (ldapts on a kept connection bound as the same service account; for the built-in
 * directory its own setPassword). `stop` ends every process and connection it started.
 */
export interface BenchTarget {
  kind: DirectoryKind;
  // What the comparison is: the hashing and the raw operation, for the printed lines.
  describe: string;
  rawDescribe: string;
  settings: DirectorySettings | Record<string, unknown>;
  seed(count: number, runtime: ServerRuntime): Promise<BenchAccount[]>;
  // `configured`: the directory the server built (not the timing wrapper), for the built-in raw operation.
  raw(account: BenchAccount, password: string, configured: Directory): Promise<void>;
  stop(): Promise<void>;
}

const name = (i: number): string => `bench${String(i + 1).padStart(2, '0')}`;

export function builtinTarget(): BenchTarget {
  const ids = new Map<string, string>();
  return {
    kind: 'builtin',
    describe: "ResetDesk's own SQLite, scrypt N=2^17 r=8 p=1 (production cost) in both columns",
    rawDescribe: 'BuiltinDirectory.setPassword (production scrypt)',
    settings: { kind: 'builtin' },
    async seed(count, runtime) {
      const accounts = Array.from({ length: count }, (_, i) => ({
        username: name(i),
        email: `${name(i)}@bench.test`,
      }));
      // Created without passwords, so this hasher never runs: every measured hash is the server's, at production cost.
      const hasher = new PasswordHasher(TEST_SCRYPT_COST);
      const deps = { db: runtime.store.db, tenantId: DEFAULT_TENANT_ID, hasher, clock: systemClock };
      await createBuiltinUsers(deps, accounts.map((a) => ({ ...a, displayName: `Bench ${a.username}` })));
      for (const account of accounts) {
        const user = await runtime.directory.findUser(account.username);
        if (!user) throw new Error(`${account.username} was not created`);
        ids.set(account.username, user.id);
      }
      return accounts;
    },
    async raw(account, password, configured) {
      await configured.setPassword(ids.get(account.username) ?? '', password, { unlock: true });
    },
    stop: () => Promise.resolve(),
  };
}

/** A client bound as `dn` that stays open for every raw operation (ResetDesk keeps its service connection too). */
async function boundClient(client: Client, dn: string, password: string): Promise<Client> {
  await client.bind(dn, password);
  return client;
}

export async function ldapTarget(secretDir: string): Promise<BenchTarget> {
  const server = await startOpenLdap();
  const passwordFile = join(secretDir, 'ldap-bind-password');
  writeFileSync(passwordFile, SERVICE_PASSWORD, { mode: 0o600 });
  let client: Client | null = null;
  return {
    kind: 'ldap',
    describe: 'slapd 2.5 (mdb, ppolicy, memberof; {SSHA} hashed by slapd), ldap:// on loopback',
    rawDescribe: 'Password Modify exop (RFC 3062) with the ppolicy control, ldapts, service account',
    settings: {
      ...server.settings(),
      connection: { ...server.settings().connection, bindPassword: { file: passwordFile } },
    },
    async seed(count) {
      const accounts = Array.from({ length: count }, (_, i) => ({
        username: name(i),
        email: `${name(i)}@example.test`,
      }));
      await server.asAdmin(async (admin) => {
        for (const account of accounts) {
          await admin.add(personDn(account.username), {
            objectClass: 'inetOrgPerson', uid: account.username, cn: `Bench ${account.username}`, sn: 'Bench',
            mail: account.email, userPassword: ssha('OldPassw0rd!'),
          });
        }
      });
      client = await boundClient(new Client({ url: server.url, timeout: 5_000 }), SERVICE_DN, SERVICE_PASSWORD);
      return accounts;
    },
    async raw(account, password) {
      if (!client) throw new Error('not seeded');
      await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue(personDn(account.username), password), [
        new PasswordPolicyControl(),
      ]);
    },
    async stop() {
      await client?.unbind().catch(() => undefined);
      await server.stop();
    },
  };
}

export async function activeDirectoryTarget(secretDir: string): Promise<BenchTarget> {
  const ad = await startSambaAd();
  const passwordFile = join(secretDir, 'ad-bind-password');
  writeFileSync(passwordFile, ad.service.password, { mode: 0o600 });
  const dns = new Map<string, string>();
  let client: Client | null = null;
  return {
    kind: 'activeDirectory',
    describe: 'Samba AD DC (single process), LDAPS on loopback; Samba hashes (NT hash, Kerberos keys)',
    rawDescribe:
      'modify replace unicodePwd + lockoutTime=0 over LDAPS (as the adapter sends it), ldapts, service account',
    settings: {
      kind: 'activeDirectory',
      connection: {
        urls: [SAMBA_LDAPS_URL],
        security: 'ldaps',
        caFile: ad.caFile,
        bindDn: ad.service.dn,
        bindPassword: { file: passwordFile },
        baseDn: SAMBA_BASE_DN,
      },
      netbiosNames: ['EXAMPLE'],
      upnSuffixes: ['example.test'],
    },
    async seed(count) {
      const accounts: BenchAccount[] = [];
      for (let i = 0; i < count; i += 1) {
        const email = `${name(i)}@mail.example.test`;
        const user = await ad.addUser(name(i), { extra: { mail: email, displayName: `Bench ${name(i)}` } });
        dns.set(name(i), user.dn);
        accounts.push({ username: name(i), email });
      }
      const tls = { ca: readFileSync(ad.caFile) };
      client = await boundClient(new Client({ url: SAMBA_LDAPS_URL, timeout: 10_000, tlsOptions: tls }),
        ad.service.dn, ad.service.password);
      return accounts;
    },
    async raw(account, password) {
      if (!client) throw new Error('not seeded');
      const replace = (type: string, value: string | Buffer): Change => new Change({
        operation: 'replace',
        modification: new Attribute({ type, values: typeof value === 'string' ? [value] : [value] }),
      });
      await client.modify(dns.get(account.username) ?? '', [
        replace('unicodePwd', Buffer.from(`"${password}"`, 'utf16le')),
        replace('lockoutTime', '0'),
      ]);
    },
    async stop() {
      await client?.unbind().catch(() => undefined);
      await ad.destroy();
    },
  };
}
