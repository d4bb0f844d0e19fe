import { describe, expect, it } from 'vitest';
import { UsernameSchema } from '@resetdesk/shared';
import { checkUsername } from '../../../src-renderer/src/screens/username-check';

// The first screen checks the user ID without zod; it must accept and refuse exactly what the server's schema does.
describe('first screen user ID check', () => {
  it.each([
    'adele',
    '  adele  ',
    'jan@contoso.com',
    'CONTOSO\\jan',
    'é'.repeat(256),
    'x'.repeat(257),
    '',
    '   ',
    'ad\u0000ele',
    'ad\nele',
    'tab\there',
    'zero\u200bwidth',
  ])('agrees with UsernameSchema on %j', (typed) => {
    const parsed = UsernameSchema.safeParse(typed);
    const checked = checkUsername(typed);
    expect(checked.ok).toBe(parsed.success);
    if (checked.ok && parsed.success) expect(checked.username).toBe(parsed.data);
    if (!checked.ok) expect(checked.problem).toBe(typed.trim() === '' ? 'required' : 'tooLong');
  });
});
