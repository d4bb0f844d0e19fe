import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { containsPrefix, decodePrefixes, sha1Prefix } from './prefix-file';

/** The list shipped with the server (built by `npm run build:breached`, see README), under src-server/data/. */
export const SHIPPED_LIST_FILE = 'breached-passwords.u32';
/** An organisation's own list (`resetdesk-server password import-breached`), in the data directory. */
export const ORGANISATION_LIST_FILE = 'breached-organisation.u32';

/** Breached and common passwords, checked offline by SHA-1 prefix. */
export class BreachedList {
  private readonly lists: Uint32Array[];

  constructor(lists: readonly Uint32Array[]) {
    this.lists = lists.filter((l) => l.length > 0);
  }

  static fromFiles(files: readonly string[]): BreachedList {
    return new BreachedList(files.filter((f) => existsSync(f)).map((f) => decodePrefixes(readFileSync(f))));
  }

  get entries(): number {
    return this.lists.reduce((sum, l) => sum + l.length, 0);
  }

  get bytes(): number {
    return this.lists.reduce((sum, l) => sum + l.byteLength, 0);
  }

  /**
   * The password as typed, and lowercased: lists hold mostly lowercase entries, and `PASSWORD1` is no better than
   * `password1`. Hashing is of the exact UTF-8 text, as breach corpora hash it.
   */
  contains(password: string): boolean {
    if (this.lists.length === 0) return false;
    const forms = [password];
    const lower = password.toLowerCase();
    if (lower !== password) forms.push(lower);
    return forms.some((form) => {
      const prefix = sha1Prefix(form);
      return this.lists.some((list) => containsPrefix(list, prefix));
    });
  }
}

/** src-server/data/, found from this module in the sources (src/password/breached) and in the bundle (dist/). */
export function shippedListPath(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data', SHIPPED_LIST_FILE);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

// The shipped list never changes while the process runs: decode it once, however many servers a process starts.
let shippedCache: Uint32Array | undefined;

function shippedList(): Uint32Array {
  if (!shippedCache) {
    const file = shippedListPath();
    shippedCache = file ? decodePrefixes(readFileSync(file)) : new Uint32Array(0);
  }
  return shippedCache;
}

/** The shipped list plus the organisation's own list in `dataDir`, whichever exist. */
export function loadBreachedList(dataDir: string): BreachedList {
  const own = path.join(dataDir, ORGANISATION_LIST_FILE);
  return new BreachedList([shippedList(), ...(existsSync(own) ? [decodePrefixes(readFileSync(own))] : [])]);
}
