import type { MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';
import type { DecoyProfile } from './decoy-profile';
import { maskEmail } from './masked-email';
import { maskPhone } from './masked-phone';

// The contact methods a person may have more than one of: one option per address or phone, as Entra lists each.
const CONTACT_KINDS = new Set<string>(['email', 'sms', 'voice']);
// `email` is the first address, `email-2` the second...: ids say nothing of the detail, and a decoy's look the same.
const NUMBERED = /^(email|sms|voice)-([2-9])$/u;
const MAX_EXTRA = 8;

/** Which of the person's addresses or phones an option is for: 1 for the first (`email`), 2 for `email-2`... */
export function contactIndex(optionId: string): number {
  const match = NUMBERED.exec(optionId);
  return match ? Number(match[2]) : 1;
}

function extrasOf(kind: string, details: { emails: readonly string[]; phones: readonly string[] }): string[] {
  const list = kind === 'email' ? details.emails : details.phones;
  return list.slice(0, MAX_EXTRA).map((detail) => (kind === 'email' ? maskEmail(detail) : maskPhone(detail)));
}

function withExtras(options: readonly MethodOption[], masks: (kind: string) => string[]): MethodOption[] {
  return options.flatMap((option) => {
    if (!CONTACT_KINDS.has(option.kind) || option.id !== option.kind) return [option];
    const extras = masks(option.kind).map((maskedTarget, i) => ({
      ...option,
      id: `${option.kind}-${i + 2}`,
      maskedTarget,
    }));
    return [option, ...extras];
  });
}

/** The options with, after each contact method's first one, one more per further registered address or phone. */
export function withExtraContacts(options: readonly MethodOption[], user: DirectoryUser): MethodOption[] {
  const details = { emails: user.extraEmails ?? [], phones: user.extraPhones ?? [] };
  return withExtras(options, (kind) => extrasOf(kind, details));
}

/** The same for a decoy: its profile's made-up further details, masked the same way. */
export function withDecoyExtraContacts(options: readonly MethodOption[], profile: DecoyProfile): MethodOption[] {
  const details = { emails: profile.extraEmails ?? [], phones: profile.extraPhoneDigits ?? [] };
  return withExtras(options, (kind) => extrasOf(kind, details));
}

/** The person as the chosen option's method must see them: the code or call goes to the address or phone chosen. */
export function recipientFor(user: DirectoryUser, optionId: string): DirectoryUser {
  const index = contactIndex(optionId);
  if (index === 1) return user;
  if (optionId.startsWith('email')) return { ...user, email: user.extraEmails?.[index - 2] ?? null };
  return { ...user, phone: user.extraPhones?.[index - 2] ?? null };
}
