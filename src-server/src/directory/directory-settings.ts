import { z } from 'zod';
import { ActiveDirectorySettingsSchema } from './active-directory/ad-settings';
import { LdapDirectorySettingsSchema } from './ldap/ldap-settings';

/** The built-in directory: users in ResetDesk's own database (the demo tenant, small organisations, tests). */
export const BuiltinDirectorySettingsSchema = z.object({ kind: z.literal('builtin') }).strict();

/**
 * Which directory holds the passwords, chosen by `kind`. Each kind's settings live in its own folder; this union is
 * the one list of them (a new directory adds its schema here and its constructor in create-directory.ts).
 */
export const DirectorySettingsSchema = z.discriminatedUnion('kind', [
  BuiltinDirectorySettingsSchema,
  LdapDirectorySettingsSchema,
  ActiveDirectorySettingsSchema,
]);
export type DirectorySettings = z.output<typeof DirectorySettingsSchema>;

export const DEFAULT_DIRECTORY_SETTINGS: DirectorySettings = { kind: 'builtin' };
