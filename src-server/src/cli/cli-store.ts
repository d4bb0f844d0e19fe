import type { ServerConfig } from '../config/server-config';
import { PasswordHasher } from '../support/password-hash';
import { openStore } from '../store/store';
import type { Store } from '../store/store';
import { DEFAULT_TENANT_ID, ensureTenant } from '../store/tenants';
import { systemClock } from '../support/clock';
import type { CreateUsersDeps } from '../directory/builtin/builtin-users';

/** What the maintenance commands share: the migrated store and the tenant they work on. */
export interface CliStore {
  store: Store;
  usersDeps: CreateUsersDeps;
}

export async function openCliStore(config: ServerConfig): Promise<CliStore> {
  const store = await openStore(config.dataDir, config.store);
  await ensureTenant(store.db, systemClock, DEFAULT_TENANT_ID, config.policy.organizationName);
  return {
    store,
    usersDeps: { db: store.db, tenantId: DEFAULT_TENANT_ID, hasher: new PasswordHasher(), clock: systemClock },
  };
}
