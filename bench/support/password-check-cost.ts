import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PASSWORD_POLICY } from '@resetdesk/shared';
import { loadBreachedList } from '../../src-server/src/password/breached/breached-list';
import { createPasswordChecker } from '../../src-server/src/password/password-checker';
import { percentile } from './stats';

export interface PasswordCheckCost {
  breachedEntries: number;
  listBytes: number;
  heapAndBuffersBytes: number;
  loadMs: number;
  samplesUs: number[];
}

const WORDS = ['Harbor', 'lantern', 'Summer', 'welkom', 'Kite', 'meadow', 'Contoso', 'orbit', 'Bl@nk', 'Qwerty', 'zomer'];

/** A fixed mix of what people type: passphrases, word+year, random strings, disguised banned words, 8-24 chars. */
function samplePasswords(count: number): string[] {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = (): string => WORDS[next(WORDS.length)] ?? 'x';
    switch (i % 4) {
      case 0:
        out.push(`${word()}-${word()}-${next(100)}`);
        break;
      case 1:
        out.push(`${word()}${1990 + next(40)}!`);
        break;
      case 2:
        out.push(Array.from({ length: 8 + next(12) }, () => String.fromCharCode(33 + next(94))).join(''));
        break;
      default:
        out.push(`${word()}${word()}${next(10)}`);
    }
  }
  return out;
}

/** The whole server check (shared rules + banned terms with fuzzy matching + breached list) for one password. */
export function measurePasswordCheck(samples = 20_000): PasswordCheckCost {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-pw-'));
  try {
    global.gc?.();
    const before = process.memoryUsage();
    const started = performance.now();
    const breached = loadBreachedList(dataDir);
    const checker = createPasswordChecker({
      policy: DEFAULT_PASSWORD_POLICY,
      organizationName: 'Contoso',
      customBannedTerms: ['northwind', 'fabrikam'],
      breached,
    });
    const loadMs = performance.now() - started;
    global.gc?.();
    const after = process.memoryUsage();
    const names = ['adele', 'Adele Vance'];
    const passwords = samplePasswords(1000);
    for (let i = 0; i < 5000; i++) checker.check(passwords[i % passwords.length] ?? '', names);
    const samplesUs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const password = passwords[i % passwords.length] ?? '';
      const t0 = process.hrtime.bigint();
      checker.check(password, names);
      samplesUs.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    return {
      breachedEntries: breached.entries,
      listBytes: breached.bytes,
      heapAndBuffersBytes: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
      loadMs,
      samplesUs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describePasswordCheck(cost: PasswordCheckCost): string[] {
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  return [
    `Password check (rules + banned terms, fuzzy + breached list of ${cost.breachedEntries.toLocaleString('en')} entries):` +
      ` median ${percentile(cost.samplesUs, 50).toFixed(1)} µs, p99 ${percentile(cost.samplesUs, 99).toFixed(1)} µs` +
      ` over ${cost.samplesUs.length} checks (goal: median <= 20 µs)`,
    `  lists loaded in ${cost.loadMs.toFixed(0)} ms; breached prefixes ${mb(cost.listBytes)},` +
      ` heap + buffers grew by ${mb(cost.heapAndBuffersBytes)} (banned-term trie included)`,
  ];
}

// `node --import tsx bench/support/password-check-cost.ts`: this figure alone, without the HTTP bench.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(describePasswordCheck(measurePasswordCheck()).join('\n'));
}
