import { z } from 'zod';
import { API_PREFIX } from './http-api';

/**
 * "This wasn't me": every account notice carries a single-use link to the reset server's page,
 * `<publicBaseUrl>/wasnt-me#t=<token>&l=<language>`. The token stays in the fragment (browsers never send it, so it
 * reaches no access log) and the page posts it in a body.
 */
export const WASNT_ME_ROUTES = {
  page: '/wasnt-me', // GET -> the page (static; the token is in the fragment)
  script: '/wasnt-me/wasnt-me.js', // GET -> the page's script
  lookup: `${API_PREFIX}/wasnt-me/lookup`, // POST WasntMeRequest -> WasntMeNotice
  confirm: `${API_PREFIX}/wasnt-me/confirm`, // POST WasntMeRequest -> WasntMeConfirmed
} as const;

// 32 random bytes, base64url.
export const WasntMeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/u, 'a notice link token');

export const WasntMeRequestSchema = z.object({ token: WasntMeTokenSchema }).strict();
export type WasntMeRequest = z.infer<typeof WasntMeRequestSchema>;

// What the notice told the person (the catalogue's accountNotice keys).
export const NoticeKindSchema = z.enum(['passwordReset', 'passwordChanged', 'accountUnlocked', 'securityInfoChanged']);
export type NoticeKind = z.infer<typeof NoticeKindSchema>;

/** What the page shows before the person confirms: what happened and when, nothing about who. */
export const WasntMeNoticeSchema = z
  .object({ kind: NoticeKindSchema, at: z.iso.datetime(), organizationName: z.string().max(200) })
  .strict();
export type WasntMeNotice = z.infer<typeof WasntMeNoticeSchema>;

/**
 * After a confirm: self-service is on hold for the account; `restriction` says what the directory did on top (policy
 * wasntMe.action): nothing asked, done, not supported by this directory, or failed (the hold stands either way).
 */
export const WasntMeConfirmedSchema = z
  .object({
    held: z.literal(true),
    action: z.enum(['none', 'mustChange', 'disable']),
    restriction: z.enum(['none', 'done', 'unsupported', 'failed']),
  })
  .strict();
export type WasntMeConfirmed = z.infer<typeof WasntMeConfirmedSchema>;
