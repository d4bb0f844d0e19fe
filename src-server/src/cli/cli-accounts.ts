import type { ServerConfig } from '../config/server-config';
import { createDirectory } from '../directory/create-directory';
import type { Directory, DirectoryUser } from '../directory/directory';
import { TenantDomains } from '../directory/tenant-domains';
import { PolicyOverrideStore } from '../policy/policy-overrides';
import type { ResetPolicy } from '../policy/reset-policy';
import { loadOrCreateServerSecrets } from '../secrets/server-secrets';
import type { ServerSecrets } from '../secrets/server-secrets';
import type { Store } from '../store/store';
import { DEFAULT_TENANT_ID } from '../store/tenants';
import { systemClock } from '../support/clock';
import { openCliStore } from './cli-store';

/**
 * What the commands about one person's security info share: the store, the effective policy (file and `policy set`
 * changes), the server's keys and the configured directory, where `--user` is looked up (its stable id is the key).
 */
export interface CliAccounts {
  store: Store;
  policy: ResetPolicy;
  secrets: ServerSecrets;
  directory: Directory;
  tenantId: string;
  findUser(name: string): Promise<DirectoryUser | null>;
  close(): Promise<void>;
}

export async function openCliAccounts(config: ServerConfig): Promise<CliAccounts> {
  const { store, usersDeps } = await openCliStore(config);
  const policy = await new PolicyOverrideStore({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock })
    .effective(config.policy);
  const domains = new TenantDomains([policy.emailDomain, ...policy.domainNames]);
  const directory = createDirectory(config.directory, { ...usersDeps, clock: systemClock, domains });
  return {
    store,
    policy,
    secrets: loadOrCreateServerSecrets(config.keysDir, { formerDir: config.dataDir }),
    directory,
    tenantId: DEFAULT_TENANT_ID,
    findUser: (name) => directory.findUser(name),
    async close() {
      await directory.close?.();
      await store.close();
    },
  };
}
