import { z } from 'zod';

/**
 * The predefined security questions, by key. The server stores and sends only the key; each client words the question
 * in the reader's language (the wizard has English and Dutch texts for every key; the server has the same texts in
 * src-server/src/methods/security-questions/catalogue/ to check answers against). People may also write their own.
 * The set follows Microsoft Entra's: facts that stay the same and that others cannot easily look up. Keys are stable:
 * registrations store them, so one is never renamed or reused.
 */
export const SECURITY_QUESTION_KEYS = [
  'firstSchoolCity',
  'childhoodBestFriend',
  'firstPetName',
  'parentsMeetingCity',
  'firstConcertArtist',
  'favouriteChildhoodBook',
  'firstCarModel',
  'grandmotherMaidenName',
  'childhoodNickname',
  'firstJobEmployer',
  'childhoodStreet',
  'firstTeacherName',
  'oldestCousinName',
  'childhoodHero',
  'firstFilmInCinema',
  'childhoodDreamJob',
  'firstHolidayDestination',
  'favouriteChildhoodToy',
  'firstPhoneBrand',
  'grandfatherFirstName',
  'firstSportsTeam',
  'childhoodFavouriteMeal',
] as const;
export type SecurityQuestionKey = (typeof SECURITY_QUESTION_KEYS)[number];

/** Registered answers: 3 to 40 characters after normalisation. */
export const SECURITY_ANSWER_MIN_LENGTH = 3;
export const SECURITY_ANSWER_MAX_LENGTH = 40;

/** The rules a set of security answers is registered under; each broken rule is named (with the pick it concerns). */
export const AnswerRuleSchema = z.enum([
  // Fewer or more picks than the policy's number.
  'WRONG_NUMBER_OF_QUESTIONS',
  // A question id that is neither built in nor one of the organisation's.
  'QUESTION_UNKNOWN',
  // The same question picked twice.
  'QUESTION_REPEATED',
  // Shorter than 3 or longer than 40 characters after normalisation.
  'ANSWER_TOO_SHORT',
  'ANSWER_TOO_LONG',
  // The same answer (after normalisation) as another pick's.
  'ANSWERS_ALIKE',
  // The answer contains a word of its own question ("school" for "...primary school?").
  'ANSWER_CONTAINS_QUESTION',
]);
export type AnswerRule = z.infer<typeof AnswerRuleSchema>;

/** One broken rule; `index` is the pick's position (absent for a rule about the whole set). */
export const AnswerRuleBreachSchema = z
  .object({ rule: AnswerRuleSchema, index: z.number().int().min(0).max(20).optional() })
  .strict();
export type AnswerRuleBreach = z.infer<typeof AnswerRuleBreachSchema>;
