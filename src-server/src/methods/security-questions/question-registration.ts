import { matchLanguage } from '@resetdesk/shared';
import { AppError } from '../../errors/app-error';
import type { ResetPolicy } from '../../policy/reset-policy';
import { answerRuleBreaches } from './answer-rules';
import type { AnswerPick } from './answer-rules';
import { isBuiltInKey, organizationText, questionCatalogue, questionTextsOf } from './question-catalogue';
import type { CatalogueQuestion } from './question-catalogue';
import type { QuestionRegistration, SecurityQuestionsMethod } from './security-questions';

export interface SecurityQuestionRegistrationDeps {
  questions: Pick<SecurityQuestionsMethod, 'register'>;
  policy: Pick<ResetPolicy, 'questionsToRegister' | 'organizationQuestions'>;
}

/**
 * Registering security questions from the catalogue (the built-in set and the organisation's own): the rules
 * (answer-rules.ts) first, every broken one named at once, then stored as the reset checks them (normalised, hashed:
 * security-questions.ts). A built-in question is kept by its key, so it is asked in the reader's language; an
 * organisation's question by its text in the language it was registered in.
 */
export class SecurityQuestionRegistration {
  constructor(private readonly deps: SecurityQuestionRegistrationDeps) {}

  /** The questions the person may pick, in their language. */
  catalogue(locale?: string | null): CatalogueQuestion[] {
    return questionCatalogue(locale, this.deps.policy.organizationQuestions);
  }

  /** Replaces the person's questions. SECURITY_ANSWERS_INVALID with details.answerRules when a rule is broken. */
  async registerAnswers(userId: string, picks: readonly AnswerPick[], locale?: string | null): Promise<void> {
    const { questionsToRegister, organizationQuestions } = this.deps.policy;
    const answerRules = answerRuleBreaches(picks, {
      questionsToRegister,
      questionTexts: (id) => questionTextsOf(id, organizationQuestions),
    });
    if (answerRules.length > 0) {
      throw new AppError('SECURITY_ANSWERS_INVALID', 'Some security answers break a rule.', { answerRules });
    }
    const language = matchLanguage([locale]);
    const entries: QuestionRegistration[] = picks.map((pick) => {
      if (isBuiltInKey(pick.questionId)) return { key: pick.questionId, answer: pick.answer };
      const own = organizationQuestions.find((q) => q.id === pick.questionId);
      return { text: own ? organizationText(own, language) : pick.questionId, answer: pick.answer };
    });
    await this.deps.questions.register(userId, entries);
  }
}
