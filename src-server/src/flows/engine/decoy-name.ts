// No user can have this name (control characters never pass UsernameSchema): a decoy's stand-in for the directory
// reads and checks a real account's steps make, which can never touch a real account. Not NUL: PostgreSQL's text
// cannot hold it, and the lookup would fail instead of finding nobody.
export const NAME_OF_NOBODY = '\u0001';

/**
 * What a decoy flow keeps of the name someone typed: its first letter or digit and, for a UPN, the domain
 * (`jan@fabrikam.nl` -> `j@fabrikam.nl`, `CONTOSO\piet` -> `p`). That is all a decoy's masked address shows, so the
 * decoy looks the same on every visit, while the rest of the typed text, sometimes a password typed into the wrong
 * box, is never stored.
 */
export function decoyPseudonym(normalizedName: string): string {
  const afterBackslash = normalizedName.slice(normalizedName.lastIndexOf('\\') + 1);
  const at = afterBackslash.lastIndexOf('@');
  const local = at > 0 ? afterBackslash.slice(0, at) : afterBackslash;
  const initial = /^[\p{L}\p{N}]/u.exec(local)?.[0] ?? '';
  return at > 0 ? `${initial}@${afterBackslash.slice(at + 1)}` : initial;
}
