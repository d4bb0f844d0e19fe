import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ORGANISATION_LIST_FILE } from './breached-list';
import { decodePrefixes, encodePrefixes, prefixOfHex, sortedUnique } from './prefix-file';

export interface ImportResult {
  read: number;
  skipped: number;
  entries: number;
  file: string;
}

/** A Uint32Array that grows by doubling: a large corpus does not become an array of boxed numbers. */
class PrefixBuffer {
  private data = new Uint32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  values(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Converts an organisation's own list (one SHA-1 in hex per line, optionally `:count`, as breach corpora publish it)
 * into prefixes and merges it into the organisation's list in the data directory (written whole, then renamed, so a
 * server starting meanwhile reads the old list or the new one). Lines that are not a SHA-1 are counted and skipped.
 */
export async function importBreachedFile(source: string, dataDir: string): Promise<ImportResult> {
  const target = path.join(dataDir, ORGANISATION_LIST_FILE);
  const prefixes = new PrefixBuffer();
  if (existsSync(target)) for (const value of decodePrefixes(readFileSync(target))) prefixes.push(value);
  let read = 0;
  let skipped = 0;
  const lines = createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    read++;
    const prefix = prefixOfHex(line);
    if (prefix === null) skipped++;
    else prefixes.push(prefix);
  }
  const merged = sortedUnique(prefixes.values());
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, encodePrefixes(merged), { mode: 0o600 });
  renameSync(temporary, target);
  return { read, skipped, entries: merged.length, file: target };
}
