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
    phone: '+31 6 1234 5678',
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
    shows: 'An administrator: needs two methods, has one registered: ACCOUNT_NOT_VERIFIABLE.',
  },
];
