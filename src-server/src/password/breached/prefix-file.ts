import { createHash } from 'node:crypto';

/**
 * The compact offline form of a breached-password list: the first 32 bits of each password's SHA-1, sorted, unique,
 * 4 bytes each, big-endian (about 4 MB per million passwords). SHA-1 because that is what breach corpora publish
 * (`SHA1:count` lines); 32 bits give about one false "breached" in 3,400 random passwords per million entries, which
 * only ever refuses a password, never lets one through.
 */
export function sha1Prefix(text: string): number {
  return createHash('sha1').update(text, 'utf8').digest().readUInt32BE(0);
}

/** The prefix of a hex SHA-1 (the start of a `SHA1:count` line); null when it is not one. */
export function prefixOfHex(line: string): number | null {
  const match = /^\s*([0-9a-fA-F]{40})(?::\d+)?\s*$/u.exec(line);
  return match?.[1] ? Number.parseInt(match[1].slice(0, 8), 16) : null;
}

export function sortedUnique(prefixes: Iterable<number>): Uint32Array {
  const all = Uint32Array.from(prefixes).sort();
  let kept = 0;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[kept - 1]) all[kept++] = all[i] ?? 0;
  }
  return all.slice(0, kept);
}

export function encodePrefixes(sorted: Uint32Array): Buffer {
  const buffer = Buffer.alloc(sorted.length * 4);
  sorted.forEach((value, i) => buffer.writeUInt32BE(value, i * 4));
  return buffer;
}

export class PrefixFileError extends Error {}

/** Reads a prefix file; refuses one that is cut short or not sorted (binary search would silently miss). */
export function decodePrefixes(buffer: Buffer): Uint32Array {
  if (buffer.length % 4 !== 0) throw new PrefixFileError('A breached-list file holds 4-byte entries.');
  const out = new Uint32Array(buffer.length / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = buffer.readUInt32BE(i * 4);
    if (i > 0 && (out[i] ?? 0) <= (out[i - 1] ?? 0)) throw new PrefixFileError('A breached-list file must be sorted.');
  }
  return out;
}

export function containsPrefix(sorted: Uint32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid] ?? 0;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
