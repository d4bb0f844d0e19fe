import type { ErrorCode, PasswordRejectionReason } from '@resetdesk/shared';
import type en from './languages/en.json';

/** Every language's texts have exactly the keys of the English file (test/renderer/i18n/i18n.test.ts checks the rest). */
export type Messages = typeof en;

/**
 * A message with plural forms, picked by the language's CLDR category (pluralCategory); `other` stands in for a
 * category a language's file does not list, and a language may list more (`few`, `many`) than English does.
 */
export type PluralForms = { readonly one: string; readonly other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** What the English file must cover: a text for every error code and every password rejection reason. */
export interface RequiredTexts {
  readonly errors: Record<ErrorCode, { readonly title: string; readonly action: string }>;
  readonly passwordReasons: Record<PasswordRejectionReason, string>;
}
