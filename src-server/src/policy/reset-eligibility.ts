import type { ResetPolicy } from './reset-policy';

/**
 * Method kinds a privileged account may never use: knowledge answers are guessable or researchable, so Entra's
 * administrator policy excludes them. Written as strings so the rule holds for kinds added later by other modules.
 */
export const ADMIN_FORBIDDEN_METHOD_KINDS: ReadonlySet<string> = new Set([
  'questions',
  'securityQuestions',
  'security_questions',
]);

/** What the policy decides about one account, from its group memberships. */
export interface ResetRequirements {
  allowed: boolean;
  admin: boolean;
  gatesRequired: 1 | 2;
  // The method kinds this account may verify with, in the policy's order.
  methodKinds: string[];
  // How many of those methods the account must have registered before reset works.
  methodsToRegister: number;
}

function inAny(groups: readonly string[], wanted: readonly string[]): boolean {
  const mine = new Set(groups.map((g) => g.toLowerCase()));
  return wanted.some((g) => mine.has(g.toLowerCase()));
}

export function isAdminAccount(policy: Pick<ResetPolicy, 'adminGroups'>, groups: readonly string[]): boolean {
  return inAny(groups, policy.adminGroups);
}

/**
 * The only groups the policy's decisions look at (admins, and who may reset when that is selected groups): the
 * directory is asked about these, not for every group the account is in.
 */
export function groupsThatMatter(
  policy: Pick<ResetPolicy, 'adminGroups' | 'resetEnabledFor' | 'resetGroups'>,
): string[] {
  const names = [...policy.adminGroups, ...(policy.resetEnabledFor === 'selected' ? policy.resetGroups : [])];
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}

/** Off / members of selected groups / everyone. */
export function isResetAllowed(
  policy: Pick<ResetPolicy, 'resetEnabledFor' | 'resetGroups'>,
  groups: readonly string[],
): boolean {
  switch (policy.resetEnabledFor) {
    case 'none':
      return false;
    case 'selected':
      return inAny(groups, policy.resetGroups);
    case 'all':
      return true;
  }
}

/**
 * The requirements for an account. Admins always need two gates and never use security questions, whatever the rest
 * of the policy says. A decoy (unknown name) gets the requirements of an ordinary member (`groups` = []), so it looks
 * like the most common real account.
 */
export function requirementsFor(policy: ResetPolicy, groups: readonly string[]): ResetRequirements {
  const admin = isAdminAccount(policy, groups);
  const methodKinds = policy.methods.filter((kind) => !(admin && ADMIN_FORBIDDEN_METHOD_KINDS.has(kind)));
  const gatesRequired: 1 | 2 = admin ? 2 : policy.gatesRequired === 2 ? 2 : 1;
  return {
    allowed: isResetAllowed(policy, groups),
    admin,
    gatesRequired,
    methodKinds,
    // Never fewer than the gates: a user must be able to pass every gate with a different method.
    methodsToRegister: policy.registrationRequired ? Math.max(policy.methodsToRegister, gatesRequired) : gatesRequired,
  };
}
