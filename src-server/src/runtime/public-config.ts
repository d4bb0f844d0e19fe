import type { PublicConfig } from '@resetdesk/shared';
import type { TenantDomains } from '../directory/tenant-domains';
import type { ResetPolicy } from '../policy/reset-policy';

/** What the wizard may know before anyone types a name: the organisation, its links and which flows exist. */
export function publicConfigOf(policy: ResetPolicy, demoMode: boolean, domains: TenantDomains): PublicConfig {
  return {
    organizationName: policy.organizationName,
    ...(policy.contactAdminUrl ? { contactAdminUrl: policy.contactAdminUrl } : {}),
    demoMode,
    unlockAllowed: policy.unlockAllowed,
    changeAllowed: policy.changeAllowed,
    registrationAllowed: policy.registrationAllowed,
    // The User ID example shows the tenant's own domain (a name at another domain only ever gets a decoy).
    ...(domains.names[0] ? { userIdDomain: domains.names[0] } : {}),
  };
}
