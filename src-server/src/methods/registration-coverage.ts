import type { MethodKind } from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';
import type { VerificationMethod } from './verification-method';

export interface RegistrationCoverage {
  // Every account the directory lists.
  users: number;
  // Accounts with at least one method registered.
  withAnyMethod: number;
  // Per method, in the chooser's order: how many accounts could use it (the method's own optionFor decides).
  byMethod: { method: MethodKind; users: number }[];
}

/**
 * Registration coverage, as Entra's "users registered by method": each method asked of each account whether it has
 * something registered, the same question the chooser asks. Counts only; no account is named.
 */
export async function registrationCoverage(
  users: readonly DirectoryUser[],
  methods: readonly VerificationMethod[],
): Promise<RegistrationCoverage> {
  const counts = new Map<MethodKind, number>(methods.map((method) => [method.kind, 0]));
  let withAnyMethod = 0;
  for (const user of users) {
    let any = false;
    for (const method of methods) {
      if ((await method.optionFor(user)) === null) continue;
      counts.set(method.kind, (counts.get(method.kind) ?? 0) + 1);
      any = true;
    }
    if (any) withAnyMethod += 1;
  }
  return {
    users: users.length,
    withAnyMethod,
    byMethod: [...counts.entries()].map(([method, count]) => ({ method, users: count })),
  };
}
