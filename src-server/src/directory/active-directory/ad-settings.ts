import { z } from 'zod';
import { LdapConnectionSettingsSchema } from '../ldap-common/ldap-settings';

const ATTRIBUTE = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/u, 'an LDAP attribute name');
const DN = z.string().min(3).max(2048)
  .regex(/^[A-Za-z][\w-]*=/u, 'a DN such as CN=Helpdesk,OU=Groups,DC=example,DC=com');
// A NetBIOS domain name is at most 15 characters; compared case-insensitively.
const NETBIOS = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/u, 'a NetBIOS domain name such as CONTOSO');
const SUFFIX = z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/u,
  'a DNS suffix such as contoso.com');

export const AD_FIND_BY = ['sAMAccountName', 'userPrincipalName', 'mail'] as const;
export type AdFindBy = (typeof AD_FIND_BY)[number];

/**
 * The `activeDirectory` directory kind: a domain controller reached over LDAPS or StartTLS (AD refuses a simple
 * bind without TLS), a service account with the delegation in the README (Reset Password, write lockoutTime and
 * pwdLastSet), and how a typed user ID is looked up.
 */
export const ActiveDirectorySettingsSchema = z
  .object({
    kind: z.literal('activeDirectory'),
    connection: LdapConnectionSettingsSchema,
    // Which attributes a typed ID is matched against: `name` and `DOMAIN\name` by sAMAccountName, `x@y` by UPN or mail.
    findBy: z.array(z.enum(AD_FIND_BY)).min(1).default([...AD_FIND_BY]),
    // `DOMAIN\name` is accepted only for these NetBIOS names (none: never); any other prefix finds nobody.
    netbiosNames: z.array(NETBIOS).max(32).default([]),
    // A UPN is looked up only when its suffix is one of these (none: never by UPN).
    upnSuffixes: z.array(SUFFIX).max(64).default([]),
    attributes: z
      .object({
        displayName: ATTRIBUTE.default('displayName'),
        givenName: ATTRIBUTE.default('givenName'),
        sn: ATTRIBUTE.default('sn'),
        mail: ATTRIBUTE.default('mail'),
        mobile: ATTRIBUTE.default('mobile'),
      })
      .strict()
      .prefault({}),
    // Members of these groups (nested too) are protected: self-service never writes their password. The built-in
    // privileged groups (Domain/Enterprise/Schema Admins, Administrators, the operators) are always protected.
    protectedGroups: z.array(DN).max(64).default([]),
    // When set, only (nested) members of these groups may reset; everyone enabled otherwise.
    resetGroups: z.array(DN).min(1).max(64).optional(),
    // A reset also sets pwdLastSet = 0: the person must change the password at the next sign-in.
    forceChangeAfterReset: z.boolean().default(false),
  })
  .strict();
export type ActiveDirectorySettings = z.output<typeof ActiveDirectorySettingsSchema>;
