import type { MethodKind, MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';
import { contactIndex } from './extra-contacts';

/**
 * Which authenticator (the thing a person has or knows) an option proves. Gates count authenticators, not methods:
 * an SMS and a voice call to the same phone prove the same phone (Entra counts "mobile phone" once; NIST 800-63B
 * counts one out-of-band device), the same address is one mailbox, and the authenticator-app code and approval come
 * from the same app install (the server cannot tell two installs of one person apart, so it assumes one).
 */
export function authenticatorOf(
  kind: MethodKind,
  user: Pick<DirectoryUser, 'email' | 'phone'> | null,
  optionId?: string,
): string {
  // A further registered address or phone (`email-2`, `sms-2` and `voice-2`): a mailbox or phone of its own.
  const index = optionId === undefined ? 1 : contactIndex(optionId);
  if (index > 1) return `${kind === 'email' ? 'email' : 'phone'}#${index}`;
  switch (kind) {
    case 'email':
      return `email:${user?.email?.trim().toLowerCase() ?? ''}`;
    case 'sms':
    case 'voice':
      return `phone:${user?.phone?.replace(/\D/gu, '') ?? ''}`;
    case 'totp':
    case 'approval':
      return 'app';
    case 'questions':
      return 'knowledge';
    // One option for all of a person's passkeys: the chooser offers "passkey" once, and it proves one thing.
    case 'passkey':
      return 'passkey';
    // Issued by the helpdesk after it verified the person: a proof of its own.
    case 'tap':
      return 'tap';
  }
}

/** The options left for the next gate: not passed, and not proving an authenticator a passed option proved already. */
export function remainingOptions(
  options: readonly MethodOption[],
  passedIds: readonly string[],
  user: Pick<DirectoryUser, 'email' | 'phone'> | null,
): MethodOption[] {
  const used = new Set(options.filter((o) => passedIds.includes(o.id)).map((o) => authenticatorOf(o.kind, user, o.id)));
  return options.filter((o) => !passedIds.includes(o.id) && !used.has(authenticatorOf(o.kind, user, o.id)));
}

/** How many different authenticators the options prove: what the gates are counted against. */
export function authenticatorCount(
  options: readonly (Pick<MethodOption, 'kind'> & { id?: string })[],
  user: Pick<DirectoryUser, 'email' | 'phone'> | null,
): number {
  return new Set(options.map((o) => authenticatorOf(o.kind, user, o.id))).size;
}
