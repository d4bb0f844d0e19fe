/**
 * The first screen's own check of a typed user ID, the same rules as UsernameSchema in src-shared (trimmed, 1 to 256
 * characters, no control characters) without loading zod before the first paint. The server checks with the schema
 * itself; test/renderer/screens/username-check.test.ts keeps the two in line.
 */
export const USERNAME_MAX_LENGTH = 256;

export type UsernameCheck = { ok: true; username: string } | { ok: false; problem: 'required' | 'tooLong' };

export function checkUsername(typed: string): UsernameCheck {
  const username = typed.trim();
  if (username === '') return { ok: false, problem: 'required' };
  if (username.length > USERNAME_MAX_LENGTH || /\p{Cc}/u.test(username)) return { ok: false, problem: 'tooLong' };
  return { ok: true, username };
}
