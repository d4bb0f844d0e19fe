import type { AuditLog } from '../../audit/audit-log';
import type { Directory } from '../../directory/directory';

/** What the audit trail says about earlier attempts of one flow's password write. */
export interface EarlierWrite {
  // A password.write_started row: an attempt reached the directory (and may have been cut off by a crash).
  started: boolean;
  // A password.reset success row: the attempt was also recorded (the crash came after it, before the commit).
  recorded: boolean;
}

/**
 * The rows a crash may leave behind for a flow still in new_password. The write and the flow's commit cannot be one
 * transaction (the directory is another system), so a retry after a restart reads what the earlier attempt did.
 */
export async function earlierWriteOf(audit: AuditLog, flowId: string): Promise<EarlierWrite> {
  const rows = await audit.listForFlow(flowId);
  return {
    started: rows.some((row) => row.event === 'password.write_started'),
    recorded: rows.some((row) => row.event === 'password.reset' && row.outcome === 'success'),
  };
}

/**
 * Whether an interrupted attempt already put `newPassword` into the directory: then the retry finishes the flow
 * without writing again (the built-in directory would refuse it as the current password, PASSWORD_IN_HISTORY, and
 * the person would be told a reset that happened had failed). Asked only after an interrupted attempt, and only of
 * the person who passed this flow's verification. A directory that cannot tell (LDAP: the service account's reset is
 * exempt from ppolicy's history) simply takes the same password again.
 */
export async function alreadyWritten(
  directory: Directory,
  earlier: EarlierWrite,
  userId: string,
  newPassword: string,
): Promise<boolean> {
  if (!earlier.started || !directory.isRecentPassword) return false;
  return directory.isRecentPassword(userId, newPassword, 1);
}
