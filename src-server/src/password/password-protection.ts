import type { PasswordPolicy } from '@resetdesk/shared';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { CustomBannedTerms } from './banned/custom-banned-terms';
import { loadBreachedList } from './breached/breached-list';
import { createPasswordChecker } from './password-checker';
import type { PasswordChecker } from './password-checker';

export interface PasswordProtectionDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  policy: PasswordPolicy;
  organizationName: string;
  dataDir: string;
}

/**
 * The checker a server (or the CLI) uses: the custom list as stored now, the shipped breached list and the
 * organisation's own. Like `policy set`, a change to either list applies when the server next starts.
 */
export async function loadPasswordChecker(deps: PasswordProtectionDeps): Promise<PasswordChecker> {
  const customBannedTerms = await new CustomBannedTerms(deps.db, deps.tenantId, deps.clock).list();
  return createPasswordChecker({
    policy: deps.policy,
    organizationName: deps.organizationName,
    customBannedTerms,
    breached: loadBreachedList(deps.dataDir),
  });
}
