import { readFileSync } from 'node:fs';
import { Attribute, Change, Client, ResultCodeError } from 'ldapts';

const BASE = 'DC=example,DC=test';
const USERS = `CN=Users,${BASE}`;

export interface SambaUser {
  sam: string;
  dn: string;
  password: string;
  upn: string;
}

export type SeededUser = 'alice' | 'lena' | 'dave' | 'max' | 'adam' | 'carl' | 'nina' | 'pete';

export interface SambaSeed {
  users: Record<SeededUser, SambaUser>;
  // alice's mail, deliberately unlike her UPN, so a lookup by mail is told apart from one by UPN.
  aliceMail: string;
  aliceMobile: string;
  groups: { resetUsers: string; helpdesk: string; tier0: string; tier0Ops: string };
  // The least-privilege service account (delegation as in the recipe) and one without any delegation.
  service: { dn: string; password: string };
  unprivileged: { dn: string; password: string };
  /** Creates a fresh user (samba-tool) for a test that changes state, so tests never depend on each other. */
  addUser(sam: string, options?: NewUser): Promise<SambaUser>;
  /** Locks an account the way AD does: failed binds up to the lockout threshold (3 here). */
  lockByFailedBinds(user: SambaUser): Promise<void>;
  afterStart(ad: { caFile: string; admin(): Promise<Client> }): Promise<void>;
}

const user = (sam: string, password: string): SambaUser => ({
  sam,
  dn: `CN=${sam},${USERS}`,
  password,
  upn: `${sam}@example.test`,
});

// Reset Password (extended right), write lockoutTime and pwdLastSet, on user objects below CN=Users (inherit-only).
const RESET_PASSWORD = '00299570-246d-11d0-a768-00aa006e0529';
const LOCKOUT_TIME = '28630ebf-41d5-11d1-a9c1-0000f80367c1';
const PWD_LAST_SET = 'bf967a0a-0de6-11d0-a285-00aa003049e2';
const USER_CLASS = 'bf967aba-0de6-11d0-a285-00aa003049e2';

/** Seeds the domain before samba starts (samba-tool on sam.ldb); afterStart does what needs a running server. */
export async function seedSambaDomain(tool: (args: string[]) => Promise<string>): Promise<SambaSeed> {
  const users: Record<SeededUser, SambaUser> = {
    alice: user('alice', 'Al1cePassw0rd!'),
    lena: user('lena', 'L3naPassw0rd!x'),
    dave: user('dave', 'D4vePassw0rd!x'),
    max: user('max', 'M4xPassw0rd!x'),
    adam: user('adam', 'Ad4mPassw0rd!x'),
    carl: user('carl', 'C4rlPassw0rd!x'),
    nina: user('nina', 'N1naPassw0rd!x'),
    pete: user('pete', 'P3tePassw0rd!x'),
  };
  const aliceMail = 'a.example@mail.example.test';
  const aliceMobile = '+31612345678';
  const service = { dn: `CN=svc-sspr,${USERS}`, password: 'Svc-Passw0rd!x' };
  const unprivileged = { dn: `CN=svc-nobody,${USERS}`, password: 'N0body-Passw0rd!x' };

  // Lockout after 3 bad binds; no minimum age, so a test may change a password twice in a row.
  await tool(['domain', 'passwordsettings', 'set', '--account-lockout-threshold=3', '--account-lockout-duration=30',
    '--reset-account-lockout-after=30', '--min-pwd-age=0', '--history-length=24']);
  await tool(['user', 'create', 'svc-sspr', service.password]);
  // A computer account: sAMAccountName ws1$, objectClass user too; the adapter must never find it.
  await tool(['computer', 'create', 'ws1']);

  const sid = /objectSid: (S-[\d-]+)/u.exec(await tool(['user', 'show', 'svc-sspr', '--attributes=objectSid']))?.[1];
  if (!sid) throw new Error('no objectSid for svc-sspr');
  const sddl = [
    `(OA;CIIO;CR;${RESET_PASSWORD};${USER_CLASS};${sid})`,
    `(OA;CIIO;WP;${LOCKOUT_TIME};${USER_CLASS};${sid})`,
    `(OA;CIIO;WP;${PWD_LAST_SET};${USER_CLASS};${sid})`,
  ].join('');
  await tool(['dsacl', 'set', `--objectdn=${USERS}`, `--sddl=${sddl}`]);

  let caFile = '';
  let openAdmin: (() => Promise<Client>) | null = null;
  const withAdmin = async (work: (admin: Client) => Promise<void>): Promise<void> => {
    if (!openAdmin) throw new Error('samba is not started');
    const admin = await openAdmin();
    try {
      await work(admin);
    } finally {
      await admin.unbind();
    }
  };
  const lockByFailedBinds = async (target: SambaUser): Promise<void> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const client = new Client({ url: 'ldaps://127.0.0.1:636', tlsOptions: { ca: readFileSync(caFile) } });
      try {
        await client.bind(target.dn, `Wrong-${attempt}-Passw0rd!`);
      } catch (error) {
        if (!(error instanceof ResultCodeError)) throw error;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
  };

  return {
    users,
    aliceMail,
    aliceMobile,
    groups: {
      resetUsers: `CN=sspr-users,${USERS}`,
      helpdesk: `CN=helpdesk,${USERS}`,
      tier0: `CN=tier0,${USERS}`,
      tier0Ops: `CN=tier0-ops,${USERS}`,
    },
    service,
    unprivileged,
    addUser: async (sam, options = {}) => {
      const created = user(sam, `${sam.slice(0, 1).toUpperCase()}${sam.slice(1)}-Passw0rd!1`);
      await withAdmin((admin) => addUserEntry(admin, created, options));
      return created;
    },
    lockByFailedBinds,
    afterStart: async (ad) => {
      caFile = ad.caFile;
      openAdmin = ad.admin;
      // Over LDAP as Administrator: a samba-tool call costs half a second of Python start-up each.
      await withAdmin(async (admin) => {
        await addUserEntry(admin, unprivileged);
        await addUserEntry(admin, users.alice, {
          extra: {
            givenName: 'Alice', sn: 'Example', displayName: 'Alice Example', mail: aliceMail, mobile: aliceMobile,
          },
        });
        for (const name of ['lena', 'adam', 'carl', 'nina', 'pete'] as const) await addUserEntry(admin, users[name]);
        await addUserEntry(admin, users.dave, { disabled: true });
        await addUserEntry(admin, users.max, { mustChange: true });
        // No AdminSDHolder in Samba: set adminCount by hand, as AD would for a (former) privileged account.
        await admin.modify(users.carl.dn, [replace('adminCount', '1')]);
        await addMember(admin, `CN=Domain Admins,${USERS}`, users.adam.dn);
        // Nested groups: nina is in helpdesk, which is in sspr-users; pete is in tier0-ops, which is in tier0.
        for (const group of ['sspr-users', 'helpdesk', 'tier0', 'tier0-ops']) {
          await admin.add(`CN=${group},${USERS}`, { objectClass: 'group', sAMAccountName: group });
        }
        await addMember(admin, `CN=sspr-users,${USERS}`, `CN=helpdesk,${USERS}`);
        await addMember(admin, `CN=helpdesk,${USERS}`, users.nina.dn);
        await addMember(admin, `CN=tier0,${USERS}`, `CN=tier0-ops,${USERS}`);
        await addMember(admin, `CN=tier0-ops,${USERS}`, users.pete.dn);
      });
      await lockByFailedBinds(users.lena);
    },
  };
}

/** A user a test creates; groups are DNs. */
export interface NewUser {
  disabled?: boolean;
  mustChange?: boolean;
  groups?: string[];
  extra?: Record<string, string>;
}

/** What `samba-tool user create` writes, over LDAPS: the password as unicodePwd (quoted UTF-16LE), then enabled. */
async function addUserEntry(
  admin: Client,
  spec: { dn: string; password: string },
  options: NewUser = {},
): Promise<void> {
  const sam = /^CN=([^,]+)/u.exec(spec.dn)?.[1] ?? '';
  await admin.add(spec.dn, {
    objectClass: 'user',
    sAMAccountName: sam,
    userPrincipalName: `${sam}@example.test`,
    ...options.extra,
  });
  await admin.modify(spec.dn, [
    new Change({
      operation: 'replace',
      modification: new Attribute({ type: 'unicodePwd', values: [Buffer.from(`"${spec.password}"`, 'utf16le')] }),
    }),
    // 512: a normal account; 514: disabled.
    replace('userAccountControl', options.disabled ? '514' : '512'),
    ...(options.mustChange ? [replace('pwdLastSet', '0')] : []),
  ]);
  for (const group of options.groups ?? []) await addMember(admin, group, spec.dn);
}

async function addMember(admin: Client, group: string, member: string): Promise<void> {
  const modification = new Attribute({ type: 'member', values: [member] });
  await admin.modify(group, [new Change({ operation: 'add', modification })]);
}

function replace(type: string, value: string): Change {
  return new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });
}
