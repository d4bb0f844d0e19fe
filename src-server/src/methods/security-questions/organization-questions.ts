import { z } from 'zod';

/**
 * The organisation's own security questions (policy `organizationQuestions`), offered beside the built-in ones. The
 * id is stable (`org-` and lowercase letters, digits or dashes, so it never clashes with a built-in key); the text
 * is in English and, optionally, Dutch (English stands in for a language without one).
 */
export const OrganizationQuestionSchema = z
  .object({
    id: z.string().regex(/^org-[a-z0-9-]{1,40}$/u, 'org- followed by lowercase letters, digits or dashes'),
    text: z
      .object({ en: z.string().trim().min(5).max(200), nl: z.string().trim().min(5).max(200).optional() })
      .strict(),
  })
  .strict();
export type OrganizationQuestion = z.output<typeof OrganizationQuestionSchema>;

export const OrganizationQuestionsSchema = z
  .array(OrganizationQuestionSchema)
  .max(50)
  .refine((list) => new Set(list.map((q) => q.id)).size === list.length, { message: 'question ids must be unique' });
