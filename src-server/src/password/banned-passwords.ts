/**
 * A small banned-password list and the normalisation that makes it catch the usual disguises (P@ssw0rd, Summer2024!).
 * Matching follows the scoring Microsoft Entra uses: after normalising, every banned term found counts one point and
 * every other character one point; a password that contains a banned term and scores below MIN_SCORE is banned.
 * So `Summer2024!` is banned (the digits and symbol at the end are stripped first) but `Summer-harbour-kite` is not.
 */
export const COMMON_BANNED_TERMS: readonly string[] = [
  'password',
  'passwort',
  'wachtwoord',
  'welcome',
  'welkom',
  'letmein',
  'qwerty',
  'azerty',
  'asdfgh',
  'abc123',
  '123456',
  'iloveyou',
  'admin',
  'changeme',
  'monkey',
  'dragon',
  'football',
  'secret',
  // Seasons, English and Dutch: the classic pattern for passwords that must change every quarter.
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'lente',
  'zomer',
  'herfst',
];

export const MIN_SCORE = 5;

// Look-alike characters people use to dress up a banned word. `1` stands for both `l` and `i`, so it yields two forms.
const SUBSTITUTIONS: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '3': 'e',
  '5': 's',
  $: 's',
  '7': 't',
  '!': 'i',
};

function substitute(text: string, one: 'l' | 'i'): string {
  let out = '';
  for (const ch of text) out += ch === '1' ? one : (SUBSTITUTIONS[ch] ?? ch);
  return out;
}

/** Every form of `text` to compare: lowercase, look-alikes replaced (with `1` read as `l` and as `i`). */
export function normalizedForms(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  return [...new Set([substitute(lower, 'l'), substitute(lower, 'i')])];
}

/** The password without the digits and symbols people add at either end to satisfy the rules. */
export function stripEdgeDigitsAndSymbols(text: string): string {
  return text.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
}

/** Splits into tokens: a banned term (longest match first) counts as one token, any other character as one. */
function score(form: string, terms: readonly string[]): { points: number; foundTerm: boolean } {
  let points = 0;
  let foundTerm = false;
  let i = 0;
  while (i < form.length) {
    let matched = 0;
    for (const term of terms) {
      if (term.length > matched && form.startsWith(term, i)) matched = term.length;
    }
    if (matched > 0) foundTerm = true;
    i += matched > 0 ? matched : 1;
    points += 1;
  }
  return { points, foundTerm };
}

/** The terms to ban, normalised the same way as passwords (so `P@ssw0rd` and `password` meet in the middle). */
export function buildBannedTerms(extraTerms: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const raw of [...COMMON_BANNED_TERMS, ...extraTerms]) {
    for (const form of normalizedForms(raw.trim())) if (form.length >= 3) terms.add(form);
  }
  return [...terms];
}

export function isBannedPassword(password: string, bannedTerms: readonly string[]): boolean {
  // Strip before and after replacing look-alikes: `Summer2024!` needs the first, `C0nt0s0#2026` the second.
  const substituted = normalizedForms(password);
  const forms = new Set([
    ...substituted,
    ...normalizedForms(stripEdgeDigitsAndSymbols(password)),
    ...substituted.map(stripEdgeDigitsAndSymbols),
  ]);
  for (const form of forms) {
    const { points, foundTerm } = score(form, bannedTerms);
    if (foundTerm && points < MIN_SCORE) return true;
  }
  return false;
}
