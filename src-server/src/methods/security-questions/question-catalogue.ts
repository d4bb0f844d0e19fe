import { LANGUAGE_CODES, matchLanguage, SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import type { LanguageCode, SecurityQuestionKey } from '@resetdesk/shared';
import { EN_QUESTIONS } from './catalogue/en';
import { NL_QUESTIONS } from './catalogue/nl';
import type { OrganizationQuestion } from './organization-questions';

/** The built-in questions, one data file per language (typed by the keys, so none can be missing). */
const BUILT_IN: Readonly<Record<LanguageCode, Readonly<Record<SecurityQuestionKey, string>>>> = {
  en: EN_QUESTIONS,
  nl: NL_QUESTIONS,
};

/** One question a person may pick when registering: a built-in key, or one of the organisation's own ids. */
export interface CatalogueQuestion {
  id: string;
  text: string;
  source: 'builtIn' | 'organization';
}

/** Every question a person may pick, in their language (a BCP 47 tag; English for one we do not speak). */
export function questionCatalogue(
  locale: string | null | undefined,
  organizationQuestions: readonly OrganizationQuestion[],
): CatalogueQuestion[] {
  const language = matchLanguage([locale]);
  return [
    ...SECURITY_QUESTION_KEYS.map((key) => ({ id: key, text: BUILT_IN[language][key], source: 'builtIn' as const })),
    ...organizationQuestions.map((q) => ({
      id: q.id,
      text: organizationText(q, language),
      source: 'organization' as const,
    })),
  ];
}

/** The question's text in every language we have it in (what an answer may not repeat), or null for an unknown id. */
export function questionTextsOf(id: string, organizationQuestions: readonly OrganizationQuestion[]): string[] | null {
  const key = SECURITY_QUESTION_KEYS.find((k) => k === id);
  if (key) return LANGUAGE_CODES.map((language) => BUILT_IN[language][key]);
  const own = organizationQuestions.find((q) => q.id === id);
  return own ? Object.values(own.text).filter((text): text is string => text !== undefined) : null;
}

export function isBuiltInKey(id: string): id is SecurityQuestionKey {
  return SECURITY_QUESTION_KEYS.some((k) => k === id);
}

export function organizationText(question: OrganizationQuestion, language: LanguageCode): string {
  return question.text[language] ?? question.text.en;
}
