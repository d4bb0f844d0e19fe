import type { ServerMessages } from './en';

/** The server's own words in Dutch; TypeScript refuses a missing or extra key (typed by en.ts). */
export const nl: ServerMessages = {
  common: {
    greeting: (displayName: string) => `Hallo ${displayName},`,
    contactAdministrator: (contact: string) => `Was u dit niet? Neem dan contact op met uw beheerder${contact}.`,
  },
};
