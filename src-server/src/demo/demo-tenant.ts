import type { CreateUsersDeps, CreateUsersResult } from '../directory/builtin/builtin-users';
import { createBuiltinUsers } from '../directory/builtin/builtin-users';
import { ensureTenant } from '../store/tenants';
import { DEMO_ORGANIZATION_NAME, DEMO_USERS } from './demo-users';

/**
 * Seeds the demo tenant (named Contoso) and its users. Idempotent: users that exist are left as they are, so a
 * password reset during the demo survives a restart.
 */
export async function seedDemoTenant(deps: CreateUsersDeps): Promise<CreateUsersResult> {
  await ensureTenant(deps.db, deps.clock, deps.tenantId, DEMO_ORGANIZATION_NAME);
  return createBuiltinUsers(
    deps,
    DEMO_USERS.map((user) => ({
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      phone: user.phone,
      password: user.password,
      accountEnabled: user.accountEnabled,
      enabledForReset: user.enabledForReset,
      managedExternally: user.managedExternally,
      locked: user.locked,
      groups: [...(user.groups ?? [])],
      mustChangePassword: user.mustChangePassword ?? false,
    })),
  );
}
