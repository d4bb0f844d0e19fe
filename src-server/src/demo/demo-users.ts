import type { SecurityQuestionKey } from '@resetdesk/shared';

/**
 * The demo tenant's users: one per screen of the wizard. Tests, the README and the CLI read this table, so it imports
 * nothing (cheap to import anywhere). The passwords are public on purpose: they only exist in demo mode.
 */
export interface DemoUser {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  password: string;
  accountEnabled: boolean;
  enabledForReset: boolean;
  managedExternally: boolean;
  locked: boolean;
  groups?: readonly string[];
  // "Must change password at next sign-in" (absent: false).
  mustChangePassword?: boolean;
  // What trying to reset this user shows.
  shows: string;
  // Security questions registered for the demo (predefined keys; the answers are public, like the passwords).
  questions?: readonly { key: SecurityQuestionKey; answer: string }[];
  // Base32 TOTP secret of the demo's authenticator app (add it to any authenticator app to try the method).
  totpSecret?: string;
  // The demo approver device: its label, and its key (the part of the approver link after `#key=`).
  approver?: { label: string; key: string };
  // Addresses registered as an email method beside the directory's: account notices go to each of them too.
  otherEmails?: readonly string[];
}

export const DEMO_ORGANIZATION_NAME = 'Contoso';
export const DEMO_EMAIL_DOMAIN = 'contoso.example';
export const DEMO_CONTACT_ADMIN_URL = 'https://help.contoso.example/password';
export const DEMO_HELPDESK_EMAIL = 'helpdesk@contoso.example';

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'adele',
    displayName: 'Adele Vance',
    email: 'adele@contoso.example',
    password: 'Harbor-Lantern-17',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'The happy path: email code, new password, done.',
  },
  {
    username: 'bianca',
    displayName: 'Bianca Pisani',
    password: 'Copper-Meadow-23',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'Nothing registered: ACCOUNT_NOT_VERIFIABLE ("We can\'t verify your account").',
  },
  {
    username: 'carlos',
    displayName: 'Carlos Slattery',
    email: 'carlos@contoso.example',
    password: 'Silver-Falcon-31',
    accountEnabled: true,
    enabledForReset: false,
    managedExternally: false,
    locked: false,
    shows: 'Not enabled for reset: ACCOUNT_NOT_ENABLED.',
  },
  {
    username: 'diego',
    displayName: 'Diego Siciliani',
    email: 'diego@contoso.example',
    password: 'Maple-Orbit-48',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: true,
    shows: 'Locked out: the reset works and unlocks the account.',
  },
  {
    username: 'emily',
    displayName: 'Emily Braun',
    email: 'emily@contoso.example',
    password: 'Quiet-Comet-52',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: true,
    locked: false,
    shows: 'Managed on-premises without writeback: CONTACT_ADMIN.',
  },
  {
    username: 'frank',
    displayName: 'Frank Ortega',
    email: 'frank@contoso.example',
    password: 'Cedar-Ripple-64',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: true,
    shows: 'Locked out, knows the password: "account is locked" unlocks it after an email code; the password stays.',
  },
  {
    username: 'grace',
    displayName: 'Grace Taylor',
    email: 'grace@contoso.example',
    password: 'Linen-Summit-75',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    mustChangePassword: true,
    shows: 'Must change the password at next sign-in: "Change password" with the old one, then sign in.',
  },
  {
    username: 'megan',
    displayName: 'Megan Bowen',
    email: 'megan@contoso.example',
    password: 'Granite-Harbor-64',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    groups: ['Administrators'],
    shows:
      'An administrator: needs two methods; her security questions do not count for admins, so: ACCOUNT_NOT_VERIFIABLE.',
    questions: [
      { key: 'firstPetName', answer: 'Pepper' },
      { key: 'firstSchoolCity', answer: 'Utrecht' },
      { key: 'childhoodBestFriend', answer: 'Sanne' },
    ],
  },
  {
    username: 'henry',
    displayName: 'Henry Ross',
    password: 'Cobalt-Lantern-86',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'Authenticator app code (TOTP).',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  {
    username: 'isabel',
    displayName: 'Isabel Garcia',
    password: 'Saffron-Bridge-97',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'Authenticator app approval with number matching (open her approver link).',
    approver: { label: "Isabel's phone", key: 'demo-isabel-approver-4f7c2a9e1b' },
  },
  {
    username: 'jamal',
    displayName: 'Jamal Idris',
    email: 'jamal@contoso.example',
    phone: '+31 6 3456 7812',
    password: 'Harbor-Violet-58',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'Every method registered: the chooser lists all six (try a two-gate policy).',
    otherEmails: ['jamal.idris@fabrikam.example'],
    questions: [
      { key: 'firstCarModel', answer: 'Volvo 240' },
      { key: 'favouriteChildhoodBook', answer: 'Pluk van de Petteflet' },
      { key: 'grandmotherMaidenName', answer: 'Bakker' },
    ],
    totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF',
    approver: { label: "Jamal's phone", key: 'demo-jamal-approver-8d3e6b0c5a' },
  },
  {
    username: 'karim',
    displayName: 'Karim Olsen',
    phone: '+31 6 2345 6781',
    password: 'Granite-River-64',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'A mobile phone: SMS code or voice call (press # on the demo phone).',
  },
  {
    username: 'lena',
    displayName: 'Lena Visser',
    password: 'Linen-Harvest-75',
    accountEnabled: true,
    enabledForReset: true,
    managedExternally: false,
    locked: false,
    shows: 'Security questions: three of her four, picked at random.',
    questions: [
      { key: 'firstPetName', answer: 'Biscuit' },
      { key: 'firstSchoolCity', answer: 'Den Haag' },
      { key: 'childhoodBestFriend', answer: 'Noor' },
      { key: 'firstConcertArtist', answer: 'Golden Earring' },
    ],
  },
];

/** Every method the demo policy allows, in the order the chooser lists them. */
export const DEMO_METHODS = ['email', 'sms', 'voice', 'questions', 'totp', 'approval'] as const;
