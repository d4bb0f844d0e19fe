import type { SecurityQuestionKey } from '@resetdesk/shared';

/** The built-in questions in English: the same words as the wizard's (src-renderer en.json questions.keys). */
export const EN_QUESTIONS: Readonly<Record<SecurityQuestionKey, string>> = {
  firstSchoolCity: 'In what city did you go to primary school?',
  childhoodBestFriend: 'What was the first name of your best friend as a child?',
  firstPetName: 'What was the name of your first pet?',
  parentsMeetingCity: 'In what city did your parents meet?',
  firstConcertArtist: 'Who performed at the first concert you went to?',
  favouriteChildhoodBook: 'What was your favourite book as a child?',
  firstCarModel: 'What was the make and model of your first car?',
  grandmotherMaidenName: "What is your grandmother's maiden name?",
  childhoodNickname: 'What was your nickname as a child?',
  firstJobEmployer: 'Who was your first employer?',
  childhoodStreet: 'On what street did you live as a child?',
  firstTeacherName: 'What was the name of your first teacher?',
  oldestCousinName: 'What is the first name of your oldest cousin?',
  childhoodHero: 'Who was your hero as a child?',
  firstFilmInCinema: 'What was the first film you saw in a cinema?',
  childhoodDreamJob: 'What did you want to become when you grew up?',
  firstHolidayDestination: 'Where did you go on your first holiday abroad?',
  favouriteChildhoodToy: 'What was your favourite toy as a child?',
  firstPhoneBrand: 'What was the brand of your first mobile phone?',
  grandfatherFirstName: "What is your grandfather's first name?",
  firstSportsTeam: 'What was the first sports team you played in?',
  childhoodFavouriteMeal: 'What was your favourite meal as a child?',
};
