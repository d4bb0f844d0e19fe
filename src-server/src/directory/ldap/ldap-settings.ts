import { z } from 'zod';
import { LdapConnectionSettingsSchema } from '../ldap-common/ldap-settings';

// An LDAP attribute description: a name or an OID, as a filter and a search's attribute list take it.
const AttributeName = z.string().regex(/^([A-Za-z][A-Za-z0-9-]{0,127}|\d+(\.\d+)+)$/u, 'an LDAP attribute name');
// A filter template written by an administrator; its placeholders are filled with escaped values.
const filterTemplate = (placeholders: string[]) =>
  z
    .string()
    .min(3)
    .max(2048)
    .regex(/^\(.*\)$/su, 'an LDAP filter in parentheses')
    .refine((filter) => [...filter.matchAll(/\{(\w+)\}/gu)].every((m) => placeholders.includes(m[1] ?? '')), {
      message: `the only placeholders are ${placeholders.map((p) => `{${p}}`).join(' and ')}`,
    });

export const DEFAULT_USER_FILTER = '(&(objectClass=inetOrgPerson)(|(uid={user})(mail={user})))';

const AttributesSchema = z
  .object({
    username: AttributeName.default('uid'),
    displayName: AttributeName.default('cn'),
    firstName: AttributeName.default('givenName'),
    lastName: AttributeName.default('sn'),
    email: AttributeName.default('mail'),
    mobile: AttributeName.default('mobile'),
  })
  .strict();

/** Groups read from the user's own memberOf (the memberof overlay) or searched for under a base DN. */
const GroupsSchema = z.union([
  z.object({ memberOf: z.literal(true) }).strict(),
  z
    .object({
      baseDn: z.string().min(1).max(2048),
      // {dn} is the user's DN, {user} the username; both escaped.
      filter: filterTemplate(['dn', 'user']).default('(member={dn})'),
      nameAttribute: AttributeName.default('cn'),
    })
    .strict(),
]);

/**
 * The `ldap` directory kind: OpenLDAP with the ppolicy overlay, or a compatible server (389-DS, ...).
 * A reset by the service account skips ppolicy's quality and history checks: ResetDesk's own password policy holds.
 */
export const LdapDirectorySettingsSchema = z
  .object({
    kind: z.literal('ldap'),
    connection: LdapConnectionSettingsSchema,
    // How a typed user ID is found under connection.baseDn; {user} is replaced by the escaped ID.
    userFilter: filterTemplate(['user']).default(DEFAULT_USER_FILTER).refine((filter) => filter.includes('{user}'), {
      message: 'the filter must use {user}',
    }),
    // The stable id security info, throttles and audit rows are keyed by: it must never change or be reused.
    idAttribute: AttributeName.default('entryUUID'),
    attributes: AttributesSchema.default({
      username: 'uid',
      displayName: 'cn',
      firstName: 'givenName',
      lastName: 'sn',
      email: 'mail',
      mobile: 'mobile',
    }),
    groups: GroupsSchema.default({ memberOf: true }),
    // When set, only members of this group (by name) may use self-service.
    enabledForResetGroup: z.string().min(1).max(256).optional(),
    // Members of these groups (by name) are never written by self-service: "contact your administrator".
    protectedGroups: z.array(z.string().min(1).max(256)).max(64).default([]),
  })
  .strict();
export type LdapDirectorySettings = z.output<typeof LdapDirectorySettingsSchema>;
export type LdapDirectorySettingsInput = z.input<typeof LdapDirectorySettingsSchema>;
