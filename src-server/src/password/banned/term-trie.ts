/**
 * The banned terms as a trie over UTF-16 code units of their normalised form, searched from every position of the
 * normalised password: exactly, and at edit distance 1 (one character changed, added or missing), as Entra's fuzzy
 * matching documents ("abcdef" banned refuses "abcdeg", "abcdefg" and "abcde").
 */
interface TrieNode {
  children: Map<number, TrieNode>;
  // Index into the term list of the term that ends here, or -1.
  term: number;
}

/** A trie of the long terms without their first character: where a first-character edit is found exactly. */
interface TailNode {
  children: Map<number, TailNode>;
  // The terms whose tail ends here (several terms can share one).
  terms: number[];
}

/** A banned term found in the normalised password: code units [start, end). */
export interface TermMatch {
  start: number;
  end: number;
  term: number;
  fuzzy: boolean;
}

/**
 * One edit in a 4-character term turns it into a large part of all 4-letter words (and a 3-character window into
 * nearly any text), so terms shorter than this match exactly only, and a fuzzy window is never shorter than 4.
 */
export const MIN_FUZZY_TERM_LENGTH = 5;
const MIN_FUZZY_WINDOW = MIN_FUZZY_TERM_LENGTH - 1;

const newNode = (): TrieNode => ({ children: new Map(), term: -1 });

export class TermTrie {
  private readonly root: TrieNode = newNode();
  private readonly tails: TailNode = { children: new Map(), terms: [] };
  private readonly lengths: number[] = [];
  private readonly firstCodes: number[] = [];

  /** `terms` are already normalised; the index of each is what a match reports. */
  constructor(terms: readonly string[]) {
    terms.forEach((term, index) => {
      let node = this.root;
      for (let i = 0; i < term.length; i++) {
        const code = term.charCodeAt(i);
        let child = node.children.get(code);
        if (!child) {
          child = newNode();
          node.children.set(code, child);
        }
        node = child;
      }
      if (node.term === -1) node.term = index;
      this.lengths[index] = term.length;
      this.firstCodes[index] = term.charCodeAt(0);
      if (term.length >= MIN_FUZZY_TERM_LENGTH) this.addTail(term, index);
    });
  }

  private addTail(term: string, index: number): void {
    let node = this.tails;
    for (let i = 1; i < term.length; i++) {
      const code = term.charCodeAt(i);
      let child = node.children.get(code);
      if (!child) {
        child = { children: new Map(), terms: [] };
        node.children.set(code, child);
      }
      node = child;
    }
    node.terms.push(index);
  }

  /**
   * An edit of the term's first character, without trying every first character: the rest of the term must then
   * follow exactly, at `start` (the first character is missing) or at `start + 1` (it was changed).
   */
  private firstCharacterEdits(text: string, start: number, out: TermMatch[]): void {
    for (const changed of [false, true]) {
      let node: TailNode | undefined = this.tails;
      for (let pos = start + (changed ? 1 : 0); pos < text.length; pos++) {
        node = node.children.get(text.charCodeAt(pos));
        if (!node) break;
        if (node.terms.length > 0 && pos + 1 - start >= MIN_FUZZY_WINDOW) {
          for (const term of node.terms) {
            if (!changed || this.firstCodes[term] !== text.charCodeAt(start)) {
              out.push({ start, end: pos + 1, term, fuzzy: true });
            }
          }
        }
      }
    }
  }

  /** Every exact and fuzzy occurrence of a term in `text` (normalised). */
  findAll(text: string): TermMatch[] {
    const matches: TermMatch[] = [];
    for (let start = 0; start < text.length; start++) {
      this.exactFrom(text, start, matches);
      this.fuzzyFrom(this.root, text, start, start, matches);
    }
    return matches;
  }

  private exactFrom(text: string, start: number, out: TermMatch[]): void {
    let node: TrieNode | undefined = this.root;
    for (let pos = start; pos < text.length; pos++) {
      node = node.children.get(text.charCodeAt(pos));
      if (!node) return;
      if (node.term !== -1) out.push({ start, end: pos + 1, term: node.term, fuzzy: false });
    }
  }

  /** Walks exactly along the password with the edit already spent, reporting fuzzy matches of long enough terms. */
  private follow(node: TrieNode, text: string, start: number, pos: number, out: TermMatch[]): void {
    let current: TrieNode | undefined = node;
    let at = pos;
    for (;;) {
      if (current.term !== -1 && at - start >= MIN_FUZZY_WINDOW && (this.lengths[current.term] ?? 0) >= MIN_FUZZY_TERM_LENGTH) {
        out.push({ start, end: at, term: current.term, fuzzy: true });
      }
      if (at >= text.length) return;
      current = current.children.get(text.charCodeAt(at));
      if (!current) return;
      at++;
    }
  }

  /**
   * The edit is made at `node` / `pos` (the password matched exactly so far), or later down the exact path. An extra
   * password character is never taken first or last: that is a match starting one later, or an exact match plus one.
   */
  private fuzzyFrom(node: TrieNode, text: string, start: number, pos: number, out: TermMatch[]): void {
    const code = pos < text.length ? text.charCodeAt(pos) : -1;
    if (node === this.root) {
      this.firstCharacterEdits(text, start, out);
    } else {
      for (const [c, child] of node.children) {
        // A term character missing from the password.
        this.follow(child, text, start, pos, out);
        // A password character changed.
        if (code !== -1 && c !== code) this.follow(child, text, start, pos + 1, out);
      }
    }
    // A password character too many (not the first, not the last).
    if (pos > start && pos + 1 < text.length) {
      const next = node.children.get(text.charCodeAt(pos + 1));
      if (next) this.follow(next, text, start, pos + 2, out);
    }
    if (code === -1) return;
    const same = node.children.get(code);
    if (same) this.fuzzyFrom(same, text, start, pos + 1, out);
  }
}
