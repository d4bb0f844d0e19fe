/**
 * The server's own words to people, in English: the type source of every other language's file (nl.ts). A message
 * with parameters is a function of them. Sections are owned by what sends them: account notices by flows/, code
 * texts by each method's folder, helpdesk texts by help-requests/, the approver page by http/approver/.
 * Never put a secret into a parameter that reaches a subject line (subjects may be logged by a mail relay).
 */
export const en = {
  /** Shared pieces of every email. */
  common: {
    greeting: (displayName: string) => `Hello ${displayName},`,
    contactAdministrator: (contact: string) => `If this wasn't you, contact your administrator${contact}.`,
  },
};

/** The shape every language's catalogue must have (functions keep their parameter lists). */
export type ServerMessages = typeof en;
