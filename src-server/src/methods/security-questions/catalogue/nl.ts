import type { SecurityQuestionKey } from '@resetdesk/shared';

/** De ingebouwde vragen in het Nederlands: dezelfde woorden als die van de wizard (src-renderer nl.json). */
export const NL_QUESTIONS: Readonly<Record<SecurityQuestionKey, string>> = {
  firstSchoolCity: 'In welke plaats ging je naar de basisschool?',
  childhoodBestFriend: 'Wat was de voornaam van je beste vriend of vriendin als kind?',
  firstPetName: 'Hoe heette je eerste huisdier?',
  parentsMeetingCity: 'In welke plaats hebben je ouders elkaar ontmoet?',
  firstConcertArtist: 'Wie trad op bij het eerste concert waar je naartoe ging?',
  favouriteChildhoodBook: 'Wat was als kind je lievelingsboek?',
  firstCarModel: 'Wat was het merk en model van je eerste auto?',
  grandmotherMaidenName: 'Wat is de meisjesnaam van je oma?',
  childhoodNickname: 'Wat was je bijnaam als kind?',
  firstJobEmployer: 'Wie was je eerste werkgever?',
  childhoodStreet: 'In welke straat woonde je als kind?',
  firstTeacherName: 'Hoe heette je eerste juf of meester?',
  oldestCousinName: 'Wat is de voornaam van je oudste neef of nicht?',
  childhoodHero: 'Wie was als kind je grote held?',
  firstFilmInCinema: 'Wat was de eerste film die je in de bioscoop zag?',
  childhoodDreamJob: 'Wat wilde je als kind later worden?',
  firstHolidayDestination: 'Waar ging je naartoe op je eerste vakantie in het buitenland?',
  favouriteChildhoodToy: 'Wat was als kind je lievelingsspeelgoed?',
  firstPhoneBrand: 'Van welk merk was je eerste mobiele telefoon?',
  grandfatherFirstName: 'Wat is de voornaam van je opa?',
  firstSportsTeam: 'In welk sportteam speelde je voor het eerst?',
  childhoodFavouriteMeal: 'Wat was als kind je lievelingseten?',
};
