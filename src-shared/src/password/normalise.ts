/**
 * The normalisation Entra Password Protection documents, applied to passwords, banned terms and names alike so they
 * meet in the middle: lowercase, then look-alike characters replaced by the letter they imitate ("Bl@nK" -> "blank").
 * Microsoft's table has 0->o, 1->l, $->s, @->a; the other symbols below are look-alikes people also use. Other digits
 * stay digits, as in Microsoft's example ("p0LL23fb" -> "poll23fb"): a 3 in a password is as often a 3 as an e. Accents are
 * dropped (été -> ete, März -> marz) and ß becomes ss, so the French and German terms match however they are typed.
 * The result may differ in length from the input; scoring counts characters of the normalised text.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  $: 's',
  '@': 'a',
  '!': 'i',
  '|': 'l',
  '€': 'e',
  '+': 't',
  ß: 'ss',
};

const COMBINING_MARKS = /\p{M}+/gu;

export function normalisePassword(text: string): string {
  const lower = text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  let out = '';
  for (const ch of lower) out += LOOK_ALIKES[ch] ?? ch;
  return out;
}

/** Entra's substring rule applies to names of 4 characters or more; shorter ones match too many passwords. */
export const MIN_NAME_PART_LENGTH = 4;

/**
 * The parts of the person's names that may not appear in a password: the whole user ID (before any @ or after a
 * DOMAIN\), each word of the display name (first and last name) and the display name without spaces, normalised.
 */
export function userNameParts(names: readonly string[]): string[] {
  const parts = new Set<string>();
  const add = (part: string): void => {
    const normalised = normalisePassword(part);
    if ([...normalised].length >= MIN_NAME_PART_LENGTH) parts.add(normalised);
  };
  for (const name of names) {
    const afterDomain = name.slice(name.lastIndexOf('\\') + 1);
    const local = afterDomain.split('@')[0] ?? afterDomain;
    const words = local.split(/[\s._\-,#@\\/]+/u).filter((w) => w.length > 0);
    for (const word of words) add(word);
    if (words.length > 1) add(words.join(''));
  }
  return [...parts];
}

/** The name parts found in the normalised password (empty when none): Entra refuses these outright. */
export function userNamesIn(password: string, names: readonly string[]): string[] {
  const normalised = normalisePassword(password);
  return userNameParts(names).filter((part) => normalised.includes(part));
}
