import type { MethodKind, MethodOption } from '@resetdesk/shared';
import { contactIndex } from './extra-contacts';

// What a security-info item's kind (the part of its id before ':', or after `directory:`) is offered as in reset:
// a phone first as a text message, as Entra's "Phone - text" default.
const OPTION_KINDS: Record<string, readonly MethodKind[]> = {
  email: ['email'],
  phone: ['sms', 'voice'],
  questions: ['questions'],
  totp: ['totp'],
  approval: ['approval'],
  passkey: ['passkey'],
};

/** The option kinds a stored default (a security-info item id such as `phone:<row>`) stands for, in preference. */
export function defaultOptionKinds(defaultItemId: string | null | undefined): readonly MethodKind[] {
  if (!defaultItemId) return [];
  const [head = '', rest = ''] = defaultItemId.split(':');
  return OPTION_KINDS[head === 'directory' ? rest : head] ?? [];
}

/** The option kinds that come first when `kind` leads a chooser: a phone's text message and its call together. */
export function optionKindsWith(kind: MethodKind): readonly MethodKind[] {
  return kind === 'sms' || kind === 'voice' ? OPTION_KINDS['phone'] ?? [] : [kind];
}

/**
 * The chooser's options with the person's default method first (Entra lists and preselects the default sign-in
 * method): a default phone brings its text message and its call, in that order. The others keep the policy's order;
 * nothing moves while no default is set or it is not offered. `contact`: which of the default kind's addresses or
 * phones the default is (1 the first, 2 the next...; contactIndex), when the person has several.
 */
export function defaultFirst(
  options: readonly MethodOption[],
  defaultItemId: string | null | undefined,
  contact = 1,
): MethodOption[] {
  const kinds = defaultOptionKinds(defaultItemId);
  const rank = (option: MethodOption) => {
    const index = kinds.indexOf(option.kind);
    return index < 0 ? kinds.length : index;
  };
  // A stable sort: equal ranks keep the order they came in.
  return defaultContactFirst([...options].sort((a, b) => rank(a) - rank(b)), kinds, contact);
}

/**
 * Of the default kinds' options, those for the default address or phone go first (its text, then its call); the rest
 * keep their order. Decoys apply it to their options too (flows/decoy/decoy-flows.ts), so an unknown name's chooser
 * orders several addresses as a real one does.
 */
export function defaultContactFirst(
  options: readonly MethodOption[],
  kinds: readonly MethodKind[],
  contact: number,
): MethodOption[] {
  const rank = (option: MethodOption) => {
    const index = kinds.indexOf(option.kind);
    return index >= 0 && contactIndex(option.id) === contact ? index : kinds.length;
  };
  return [...options].sort((a, b) => rank(a) - rank(b));
}
