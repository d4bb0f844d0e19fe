import type { TermMatch } from './term-trie';

/** Entra's threshold: a password needs 5 points (1 per banned term found, 1 per other character). */
export const POINTS_NEEDED = 5;

export interface ScoredPassword {
  points: number;
  // The matches that make up the lowest score, left to right.
  used: TermMatch[];
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

const overlaps = (a: TermMatch, b: TermMatch): boolean => a.start < b.end && b.start < a.end;

/**
 * The lowest score the normalised password can be given: a dynamic programme over non-overlapping term matches, each
 * worth 1 point, every other character 1 point (a character outside the BMP counts once). Exact matches come first:
 * a fuzzy match that overlaps an exact one is dropped, so `Bl@nkf` is "blank" + "f" and not one fuzzy "blankf"
 * (which is how Microsoft's `ContoS0Bl@nkf9!` gets its 5 points).
 */
export function scorePassword(text: string, matches: readonly TermMatch[]): ScoredPassword {
  const exact = matches.filter((m) => !m.fuzzy);
  const usable = [...exact, ...matches.filter((m) => m.fuzzy && !exact.some((e) => overlaps(e, m)))];
  const endingAt: TermMatch[][] = Array.from({ length: text.length + 1 }, () => []);
  for (const m of usable) endingAt[m.end]?.push(m);

  const best = new Array<number>(text.length + 1).fill(0);
  const via = new Array<TermMatch | null>(text.length + 1).fill(null);
  for (let end = 1; end <= text.length; end++) {
    best[end] = (best[end - 1] ?? 0) + (isLowSurrogate(text.charCodeAt(end - 1)) ? 0 : 1);
    via[end] = null;
    for (const m of endingAt[end] ?? []) {
      const points = (best[m.start] ?? 0) + 1;
      // Prefer a term over characters at equal points, so the reason names what was found.
      if (points < (best[end] ?? 0) || (points === best[end] && via[end] === null)) {
        best[end] = points;
        via[end] = m;
      }
    }
  }
  const used: TermMatch[] = [];
  for (let end = text.length; end > 0; ) {
    const m = via[end];
    if (m) {
      used.unshift(m);
      end = m.start;
    } else end--;
  }
  return { points: best[text.length] ?? 0, used };
}
