/** slapd.conf and the seed entries of the test OpenLDAP (adapted from ../shared/recipes/scripts/openldap.sh). */
import { createHash, randomBytes } from 'node:crypto';

export const BASE_DN = 'dc=example,dc=test';
export const ADMIN_DN = `cn=admin,${BASE_DN}`;
export const ADMIN_PASSWORD = 'adminpass';
export const SERVICE_DN = `cn=sspr,ou=services,${BASE_DN}`;
export const SERVICE_PASSWORD = 'ssprpass-Test1';
// A service account that may read but not write passwords or locks (the misconfigured health check).
export const READER_DN = `cn=reader,ou=services,${BASE_DN}`;
export const READER_PASSWORD = 'readerpass-Test1';

/** {SSHA} of a password, as slapd stores it (slapadd writes values as given, so the seed hashes them itself). */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** The password every seeded person starts with. */
export const SEED_PASSWORD = 'OldPassw0rd!';
export const personDn = (uid: string): string => `uid=${uid},ou=people,${BASE_DN}`;

export function slapdConf(
  dir: string,
  tls: { caFile: string; certFile: string; keyFile: string },
  // More attributes the service account may write (a test of a right the default seed does not grant).
  serviceManages: readonly string[] = [],
): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
moduleload memberof
password-hash {SSHA}
TLSCACertificateFile ${tls.caFile}
TLSCertificateFile ${tls.certFile}
TLSCertificateKeyFile ${tls.keyFile}

database mdb
maxsize 104857600
suffix "${BASE_DN}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${dir}/data
index objectClass eq
index uid,mail eq
index entryUUID eq

overlay memberof
overlay ppolicy
ppolicy_default "cn=default,ou=policies,${BASE_DN}"
ppolicy_hash_cleartext
ppolicy_use_lockout

access to attrs=${['userPassword', 'pwdAccountLockedTime', ...serviceManages].join(',')}
  by dn.exact="${SERVICE_DN}" manage
  by self write
  by anonymous auth
  by * none
access to *
  by dn.exact="${SERVICE_DN}" read
  by self read
  by users read
  by * none
`;
}

const policy = (cn: string, extra: string): string => `dn: cn=${cn},ou=policies,${BASE_DN}
objectClass: device
objectClass: pwdPolicy
cn: ${cn}
pwdAttribute: userPassword
pwdLockout: TRUE
pwdMaxFailure: 3
pwdLockoutDuration: 0
pwdMinLength: 8
pwdCheckQuality: 1
pwdInHistory: 3
${extra}`;

const person = (uid: string, cn: string, extra = ''): string => `dn: ${personDn(uid)}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${cn}
givenName: ${cn.split(' ')[0]}
sn: ${cn.split(' ')[1] ?? 'Test'}
mail: ${uid}@example.test
userPassword: ${ssha(SEED_PASSWORD)}
${extra}`;

const service = (dn: string, cn: string, password: string): string =>
  `dn: ${dn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: ${cn}\n` +
  `userPassword: ${ssha(password)}\n`;

/** GeneralizedTime now, as ppolicy writes it. */
function nowGeneralized(): string {
  return new Date().toISOString().replace(/[-:T]/gu, '').replace(/\.\d+Z$/u, 'Z');
}

export function seedLdif(): string {
  const entries = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\no: Example Test\ndc: example\n`,
    ...['people', 'services', 'policies', 'groups'].map(
      (ou) => `dn: ou=${ou},${BASE_DN}\nobjectClass: organizationalUnit\nou: ${ou}\n`,
    ),
    policy('default', ''),
    policy('mustchange', 'pwdMustChange: TRUE\n'),
    policy('young', 'pwdMinAge: 3600\n'),
    service(SERVICE_DN, 'sspr', SERVICE_PASSWORD),
    service(READER_DN, 'reader', READER_PASSWORD),
    person('alice', 'Alice Example', 'mobile: +31612345678\n'),
    person('bob', 'Bob Other'),
    person('carol', 'Carol Change'),
    person('dave', 'Dave History'),
    person('erin', 'Erin Reset'),
    person('lena', 'Lena Locked', 'pwdAccountLockedTime: 20260101000000Z\n'),
    person('dirk', 'Dirk Disabled', `pwdAccountLockedTime: 000001010000Z\n`),
    // Under the must-change policy but not yet reset: "This wasn't me" sets pwdReset (directory/ldap/ldap-restrict).
    person('wanda', 'Wanda Watch', `pwdPolicySubentry: cn=mustchange,ou=policies,${BASE_DN}\n`),
    person('max', 'Max Mustchange', `pwdPolicySubentry: cn=mustchange,ou=policies,${BASE_DN}\npwdReset: TRUE\n`),
    person('yara', 'Yara Young',
      `pwdPolicySubentry: cn=young,ou=policies,${BASE_DN}\npwdChangedTime: ${nowGeneralized()}\n`),
    person('root', 'Root Admin'),
    // Two people sharing one address: a filter on mail matches both, so neither is chosen.
    person('twin1', 'Twin One').replace('mail: twin1@example.test', 'mail: twins@example.test'),
    person('twin2', 'Twin Two').replace('mail: twin2@example.test', 'mail: twins@example.test'),
    // Only a mail address, no uid: found by mail.
    `dn: cn=Mia Mailonly,ou=people,${BASE_DN}\nobjectClass: inetOrgPerson\ncn: Mia Mailonly\nsn: Mailonly\n` +
      `mail: mia@example.test\nuserPassword: ${ssha(SEED_PASSWORD)}\n`,
  ];
  return entries.join('\n');
}

/** Groups, added over LDAP after the start so that the memberof overlay fills memberOf (slapadd bypasses it). */
export const SEED_GROUPS: { cn: string; members: string[] }[] = [
  { cn: 'staff', members: [personDn('alice'), personDn('carol')] },
  { cn: 'other', members: [personDn('bob')] },
  // Nested: staff is a member of everyone; alice is a direct member of staff only.
  { cn: 'everyone', members: [`cn=staff,ou=groups,${BASE_DN}`, personDn('bob')] },
  { cn: 'ldap-admins', members: [personDn('root')] },
];
