/**
 * The predefined security questions, by key. The server stores and sends only the key; each client words the question
 * in the reader's language (the wizard has English and Dutch texts for every key). People may also write their own.
 * The set follows Microsoft Entra's: facts that stay the same and that others cannot easily look up.
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
] as const;
export type SecurityQuestionKey = (typeof SECURITY_QUESTION_KEYS)[number];

/** Registered answers: 3 to 40 characters after normalisation. */
export const SECURITY_ANSWER_MIN_LENGTH = 3;
export const SECURITY_ANSWER_MAX_LENGTH = 40;
