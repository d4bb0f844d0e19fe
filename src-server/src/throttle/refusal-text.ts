import type { ThrottleRefusal } from './throttle-types';

/** Every rule a refusal can name (ThrottleRefusal['rule']), as values: the metrics count refusals by these. */
export const THROTTLE_RULES = ['path', 'change', 'sends', 'emails', 'help', 'resets'] as const satisfies readonly ThrottleRule[];
type ThrottleRule = ThrottleRefusal['rule'];

/**
 * The message of a throttle's RATE_LIMITED answer. The flows audit it as `RATE_LIMITED <message>`, and the metrics
 * read the rule back out of that detail (throttleRuleOf), so the wording and its reading live here together.
 */
export function refusalText(refusal: ThrottleRefusal): string {
  return `Too many attempts (${refusal.rule} limit for this ${refusal.scope}): try again later.`;
}

const RULE_IN_TEXT = /\((\w+) limit for this \w+\)/u;

/** The rule a refusal's audit detail names, or null when the detail is no rule's refusal. */
export function throttleRuleOf(detail: string): ThrottleRefusal['rule'] | null {
  const rule = RULE_IN_TEXT.exec(detail)?.[1];
  return THROTTLE_RULES.find((known) => known === rule) ?? null;
}
