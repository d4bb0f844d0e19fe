import { ConfigError } from '../config/config-error';
import { readSecret, SecretUnreadableError } from '../config/secret-ref';
import type { SecretRef } from '../config/secret-ref';
import type { Clock } from '../support/clock';
import type { PasswordHasher } from '../support/password-hash';
import type { ResetDeskDb } from '../store/store';
import { createActiveDirectory } from './active-directory/active-directory';
import { BuiltinDirectory } from './builtin/builtin-directory';
import type { Directory } from './directory';
import type { DirectorySettings } from './directory-settings';
import { createLdapDirectory } from './ldap/ldap-directory';
import type { TenantDomains } from './tenant-domains';

/** What the built-in directory needs; the others need only their settings and their secrets. */
export interface DirectoryDeps {
  db: ResetDeskDb;
  tenantId: string;
  hasher: PasswordHasher;
  clock: Clock;
  domains: TenantDomains;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Builds the configured directory. The service account's password is read here, so an unreadable one stops the
 * server before it listens (ConfigError naming the setting, never the value).
 */
export function createDirectory(settings: DirectorySettings, deps: DirectoryDeps): Directory {
  const secret = (ref: SecretRef, setting: string): string => {
    try {
      return readSecret(ref, setting, deps.env);
    } catch (error) {
      if (error instanceof SecretUnreadableError) throw new ConfigError(error.message);
      throw error;
    }
  };
  switch (settings.kind) {
    case 'builtin':
      return new BuiltinDirectory(deps);
    case 'ldap':
      return createLdapDirectory(settings, secret);
    case 'activeDirectory':
      return createActiveDirectory(settings, secret(settings.connection.bindPassword, 'directory.connection.bindPassword'));
  }
}
