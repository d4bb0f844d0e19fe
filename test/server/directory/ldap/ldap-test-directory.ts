import { readSecret } from '../../../../src-server/src/config/secret-ref';
import { createLdapDirectory, type LdapDirectory } from '../../../../src-server/src/directory/ldap/ldap-directory';
import {
  LdapDirectorySettingsSchema,
  type LdapDirectorySettingsInput,
} from '../../../../src-server/src/directory/ldap/ldap-settings';
import { TEST_SECRETS, type OpenLdapServer } from '../../support/openldap-server';

/** The adapter over a test slapd, built the way the runtime builds it (settings parsed, secret read by reference). */
export function ldapDirectory(
  server: OpenLdapServer,
  change: (settings: LdapDirectorySettingsInput) => LdapDirectorySettingsInput = (s) => s,
  log: string[] = [],
): LdapDirectory {
  const settings = LdapDirectorySettingsSchema.parse(change(server.settings()));
  return createLdapDirectory(settings, (ref, setting) => readSecret(ref, setting, TEST_SECRETS), {
    log: (line) => log.push(line),
  });
}
