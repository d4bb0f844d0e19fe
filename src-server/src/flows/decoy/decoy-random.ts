import { createHmac } from 'node:crypto';

/**
 * Deterministic "random" choices for a decoy: every choice is read from an HMAC of the canonical name under the
 * server's decoy key, so the same unknown name gets the same decoy on every visit (as a real account would), while
 * nobody without the key can predict or correlate it.
 */
export class DecoyRandom {
  private readonly key: Buffer;
  private readonly name: string;

  constructor(key: Buffer, canonicalName: string) {
    this.key = key;
    this.name = canonicalName;
  }

  /** 32 bytes for one purpose (each purpose is independent of the others). */
  bytes(purpose: string): Buffer {
    return createHmac('sha256', this.key).update(`decoy|${purpose}|${this.name}`).digest();
  }

  /** A whole number in [0, bound). The modulo bias over 48 bits is far below anything observable. */
  below(purpose: string, bound: number): number {
    if (bound <= 1) return 0;
    return this.bytes(purpose).readUIntBE(0, 6) % bound;
  }

  /** One value, chosen with probability proportional to its weight; undefined when there is nothing to choose. */
  weighted<T>(purpose: string, entries: readonly Weighted<T>[]): T | undefined {
    const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
    if (total <= 0) return undefined;
    let ticket = this.below(purpose, total);
    for (const entry of entries) {
      if (ticket < entry.weight) return entry.value;
      ticket -= entry.weight;
    }
    return undefined;
  }

  /** `count` different items of `items`, in a stable per-name order. */
  pick<T>(purpose: string, items: readonly T[], count: number): T[] {
    const pool = [...items];
    const picked: T[] = [];
    for (let i = 0; picked.length < count && pool.length > 0; i += 1) {
      const [item] = pool.splice(this.below(`${purpose}|${i}`, pool.length), 1);
      picked.push(item as T);
    }
    return picked;
  }
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

/** Counts values into weighted entries (most frequent first, ties by value, so the order is stable). */
export function countValues<T>(values: Iterable<T>, keyOf: (value: T) => string = String): Weighted<T>[] {
  const counts = new Map<string, Weighted<T>>();
  for (const value of values) {
    const key = keyOf(value);
    const entry = counts.get(key);
    if (entry) entry.weight += 1;
    else counts.set(key, { value, weight: 1 });
  }
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y.weight - x.weight || a.localeCompare(b))
    .map(([, entry]) => entry);
}
