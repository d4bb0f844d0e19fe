import type { MethodKind, MethodOption } from '@resetdesk/shared';

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

/**
 * The chooser's options with the person's default method first (Entra lists and preselects the default sign-in
 * method): a default phone brings its text message and its call, in that order. The others keep the policy's order;
 * nothing moves while no default is set or it is not offered.
 */
export function defaultFirst(
  options: readonly MethodOption[],
  defaultItemId: string | null | undefined,
): MethodOption[] {
  const kinds = defaultOptionKinds(defaultItemId);
  const rank = (option: MethodOption) => {
    const index = kinds.indexOf(option.kind);
    return index < 0 ? kinds.length : index;
  };
  // A stable sort: equal ranks keep the order they came in.
  return [...options].sort((a, b) => rank(a) - rank(b));
}
