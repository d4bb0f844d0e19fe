import { z } from 'zod';

/**
 * The username step's CAPTCHA. It has two ways to pass: type the characters of the image (drawn by the server from glyph paths), or, needing no sight, let the device compute a
 * proof of work (SHA-256 over `${salt}:${nonce}` with `difficultyBits` leading zero bits).
 */

// SVG path data: moves, lines and quadratic curves with plain numbers. Nothing else can get into the picture.
export const SvgPathDataSchema = z
  .string()
  .max(4000)
  .regex(/^[MLQZ0-9 .,-]+$/u, 'SVG path data');

export const CaptchaChallengeSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/u),
    image: z
      .object({
        width: z.number().int().min(50).max(600),
        height: z.number().int().min(20).max(200),
        paths: z
          .array(z.object({ d: SvgPathDataSchema, strokeWidth: z.number().min(0.5).max(6), shade: z.number().int().min(0).max(3) }).strict())
          .max(80),
        length: z.number().int().min(4).max(8),
      })
      .strict(),
    proofOfWork: z
      .object({ salt: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/u), difficultyBits: z.number().int().min(1).max(28) })
      .strict(),
    expiresAt: z.iso.datetime(),
  })
  .strict();
export type CaptchaChallenge = z.infer<typeof CaptchaChallengeSchema>;

/** One of the two answers; a challenge takes one answer only (right or wrong, it is used up). */
export const CaptchaSolutionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/u),
    text: z.string().trim().min(1).max(16).optional(),
    proofOfWorkNonce: z.string().regex(/^[0-9]{1,16}$/u).optional(),
  })
  .strict()
  .refine((s) => (s.text === undefined) !== (s.proofOfWorkNonce === undefined), {
    message: 'either text or proofOfWorkNonce',
  });
export type CaptchaSolution = z.infer<typeof CaptchaSolutionSchema>;
