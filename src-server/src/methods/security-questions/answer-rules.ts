import { SECURITY_ANSWER_MAX_LENGTH, SECURITY_ANSWER_MIN_LENGTH } from '@resetdesk/shared';
import type { AnswerRuleBreach } from '@resetdesk/shared';
import { normalizeAnswer } from './security-answer';

/** One question a person picked and their answer to it, as they typed it. */
export interface AnswerPick {
  questionId: string;
  answer: string;
}

export interface AnswerRulesInput {
  // The policy's number of questions to register (3-5): exactly this many picks.
  questionsToRegister: number;
  // A question's texts (every language), or null when the id is not a question the person may pick.
  questionTexts(questionId: string): readonly string[] | null;
}

// Words this short ("de", "van", "the", "you") are in every sentence: an answer may hold them.
const MIN_QUESTION_WORD_LENGTH = 4;

function wordsOf(text: string): string[] {
  return normalizeAnswer(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Every rule a set of answers breaks, each named with the pick it concerns (empty: the set may be registered). Pure:
 * the same picks always give the same breaches. Answers are compared after the normalisation they are stored under,
 * so "Den  Haag" and "den haag" are alike.
 */
export function answerRuleBreaches(picks: readonly AnswerPick[], input: AnswerRulesInput): AnswerRuleBreach[] {
  const breaches: AnswerRuleBreach[] = [];
  if (picks.length !== input.questionsToRegister) breaches.push({ rule: 'WRONG_NUMBER_OF_QUESTIONS' });
  const seenQuestions = new Set<string>();
  const seenAnswers = new Set<string>();
  picks.forEach((pick, index) => {
    const texts = input.questionTexts(pick.questionId);
    if (texts === null) breaches.push({ rule: 'QUESTION_UNKNOWN', index });
    if (seenQuestions.has(pick.questionId)) breaches.push({ rule: 'QUESTION_REPEATED', index });
    seenQuestions.add(pick.questionId);
    const answer = normalizeAnswer(pick.answer);
    const length = [...answer].length;
    if (length < SECURITY_ANSWER_MIN_LENGTH) breaches.push({ rule: 'ANSWER_TOO_SHORT', index });
    if (length > SECURITY_ANSWER_MAX_LENGTH) breaches.push({ rule: 'ANSWER_TOO_LONG', index });
    if (answer !== '' && seenAnswers.has(answer)) breaches.push({ rule: 'ANSWERS_ALIKE', index });
    seenAnswers.add(answer);
    const answerWords = new Set(wordsOf(answer));
    const questionWords = (texts ?? []).flatMap(wordsOf).filter((w) => w.length >= MIN_QUESTION_WORD_LENGTH);
    if (questionWords.some((word) => answerWords.has(word))) breaches.push({ rule: 'ANSWER_CONTAINS_QUESTION', index });
  });
  return breaches;
}
