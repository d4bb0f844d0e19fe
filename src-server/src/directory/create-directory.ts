import type { Clock } from '../support/clock';
import type { ResetDeskDb } from '../store/store';
import { BuiltinDirectory } from './builtin/builtin-directory';
import type { PasswordHasher } from '../support/password-hash';
import type { Directory } from './directory';
import type { DirectorySettings } from './directory-settings';
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

/** Builds the configured directory. Throws (naming the setting) when a secret it needs cannot be read. */
export function createDirectory(settings: DirectorySettings, deps: DirectoryDeps): Directory {
  switch (settings.kind) {
    case 'builtin':
      return new BuiltinDirectory(deps);
  }
}
