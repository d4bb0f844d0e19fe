import { normalisePassword } from '@resetdesk/shared';
import globalList from './global-banned-terms.json';
import { POINTS_NEEDED, scorePassword } from './score';
import { TermTrie } from './term-trie';

/** Custom terms: Entra's limits (up to 1,000 terms of 4 to 16 characters). */
export const CUSTOM_TERM_MIN_LENGTH = 4;
export const CUSTOM_TERM_MAX_LENGTH = 16;
export const CUSTOM_TERMS_MAX = 1000;

/** Every term of the global list (data file), by category order. */
export function globalBannedTerms(): string[] {
  return Object.values(globalList.terms).flat();
}

/** The organisation's name counts as a banned term (a point, like Entra's custom list): whole and each long word. */
export function tenantTerms(organizationName: string): string[] {
  const words = organizationName.split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= CUSTOM_TERM_MIN_LENGTH);
  return [organizationName.replace(/[^\p{L}\p{N}]+/gu, ''), ...words];
}

export interface BannedVerdict {
  banned: boolean;
  points: number;
  needed: number;
  // The banned terms found (matched after normalisation, exactly or with one edit), in password order.
  terms: string[];
}

/**
 * The banned-term half of Entra Password Protection: normalise, find terms exactly and at edit distance 1, score.
 * Built once per server start from the global list, the custom list and the tenant's name.
 */
export class BannedTermChecker {
  // Per normalised term, the term as listed (lowercase): "2024" reads better in a reason than its normalised "2o2a".
  private readonly shown: string[];
  private readonly trie: TermTrie;

  constructor(rawTerms: readonly string[]) {
    const unique = new Map<string, string>();
    for (const raw of rawTerms) {
      const normalised = normalisePassword(raw.trim());
      if ([...normalised].length >= CUSTOM_TERM_MIN_LENGTH && !unique.has(normalised)) {
        unique.set(normalised, raw.trim().toLowerCase());
      }
    }
    this.shown = [...unique.values()];
    this.trie = new TermTrie([...unique.keys()]);
  }

  get size(): number {
    return this.shown.length;
  }

  check(password: string): BannedVerdict {
    const text = normalisePassword(password);
    const { points, used } = scorePassword(text, this.trie.findAll(text));
    const terms = used.map((m) => this.shown[m.term] ?? '');
    return { banned: terms.length > 0 && points < POINTS_NEEDED, points, needed: POINTS_NEEDED, terms };
  }
}
