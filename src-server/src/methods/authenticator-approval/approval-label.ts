import type { DirectoryUser } from '../../directory/directory';

/** What the chooser shows for an approver device whose label names its owner (see publicApprovalLabel). */
export const GENERIC_APPROVAL_LABEL = 'Phone';

/**
 * The approver device's label as the chooser shows it. A label that names its owner ("Isabel's phone") is shown as the
 * generic one: a decoy for an unknown name cannot know a name to put there, so showing it would tell who exists
 * (and would show a stranger the owner's name). Labels like "iPhone 15" or "Work phone" are shown as registered.
 */
export function publicApprovalLabel(label: string, user: Pick<DirectoryUser, 'username' | 'displayName'>): string {
  const lower = label.toLowerCase();
  const names = [user.username, ...user.displayName.split(/\s+/u)]
    .map((name) => name.toLowerCase())
    .filter((name) => name.length > 1);
  return names.some((name) => lower.includes(name)) ? GENERIC_APPROVAL_LABEL : label;
}
