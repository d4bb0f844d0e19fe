import { z } from 'zod';
import { SecretRefSchema } from '../../config/secret-ref';

const LDAP_URL = /^ldaps?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\/?$/u;
const LOOPBACK_URL = /^ldaps?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/u;

/**
 * How ResetDesk reaches an LDAP server or domain controller, shared by the `ldap` and `activeDirectory` kinds.
 * Passwords travel over this connection, so it is TLS unless every URL is loopback (a test server, a local proxy).
 */
export const LdapConnectionSettingsSchema = z
  .object({
    // Tried in order; the next one when a server cannot be reached (several domain controllers, a replica).
    urls: z.array(z.string().regex(LDAP_URL, 'an ldap:// or ldaps:// URL with host and optional port only')).min(1).max(8),
    // ldaps: implicit TLS (ldaps:// URLs). starttls: ldap:// upgraded before the bind. none: loopback only.
    security: z.enum(['ldaps', 'starttls', 'none']).default('starttls'),
    // PEM file of the CA that signed the directory's certificate (an internal CA); the system's CAs otherwise.
    caFile: z.string().min(1).optional(),
    // The service account that searches, resets and unlocks; its password from a file or environment variable.
    bindDn: z.string().min(1).max(2048),
    bindPassword: SecretRefSchema,
    baseDn: z.string().min(1).max(2048),
    connectTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    operationTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict()
  .superRefine((settings, context) => {
    settings.urls.forEach((url, index) => {
      const implicit = url.startsWith('ldaps://');
      if (settings.security === 'ldaps' && !implicit) {
        context.addIssue({ code: 'custom', path: ['urls', index], message: 'security "ldaps" needs ldaps:// URLs' });
      }
      if (settings.security !== 'ldaps' && implicit) {
        context.addIssue({ code: 'custom', path: ['urls', index], message: `security "${settings.security}" needs ldap:// URLs` });
      }
      if (settings.security === 'none' && !LOOPBACK_URL.test(url)) {
        context.addIssue({
          code: 'custom',
          path: ['security'],
          message: `"none" sends passwords in clear text: only loopback URLs may use it (${url} is not)`,
        });
      }
    });
  });
export type LdapConnectionSettings = z.output<typeof LdapConnectionSettingsSchema>;
