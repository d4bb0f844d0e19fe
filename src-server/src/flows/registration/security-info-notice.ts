import type { AuditEntry } from '../../audit/audit-log';
import type { DirectoryUser } from '../../directory/directory';
import type { RegisteredItem } from '../../methods/method-registrar';
import { sendAccountNotice } from '../engine/account-notices';
import type { RegistrationKit } from './registration-deps';

type SecurityInfoChange = 'security_info.added' | 'security_info.removed' | 'security_info.default_changed';

/**
 * A change of security info: audited (the kind, never the address or number), then told to the person by email in
 * the flow's language, at every address they have now and at the address just removed, each with its own
 * "This wasn't me" link: someone else changing them is how an account gets taken over.
 */
export async function securityInfoChanged(
  kit: RegistrationKit,
  change: { event: SecurityInfoChange; item: RegisteredItem },
  user: DirectoryUser,
  locale: string | null,
  audit: AuditEntry,
): Promise<void> {
  await kit.engine.record({ ...audit, event: change.event, outcome: 'success', detail: change.item.kind });
  // Registering or changing a method confirms the security info as it is now (the reconfirmation interval restarts).
  await kit.profiles.confirm(user.id);
  const gone = change.event === 'security_info.removed' ? change.item.noticeAddress : undefined;
  const removed = gone ? [gone] : [];
  await sendAccountNotice(kit, 'securityInfoChanged', user, locale, audit, removed);
}
