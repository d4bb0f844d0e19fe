import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { LOG_DIR, SECRETS_FILE } from '../support/log-sweep';

// Runs after the browser suite (vitest sequence.groupOrder): every log line the main process and the reset server
// wrote during it, searched for every password, code and token the suite typed or was given.
const ranAfterBrowserSuite = existsSync(SECRETS_FILE);
if (!ranAfterBrowserSuite) console.warn('[log sweep] SKIPPED: no secrets ledger; run it with the browser suite (npm test)');

describe('log-redaction sweep', () => {
  it.skipIf(!ranAfterBrowserSuite)('finds no secret in any log of the browser suite', () => {
    const secrets = new Map<string, string>();
    for (const line of readFileSync(SECRETS_FILE, 'utf8').split('\n').filter(Boolean)) {
      const { what, value } = JSON.parse(line) as { what: string; value: string };
      secrets.set(value, what);
    }
    for (const user of DEMO_USERS) secrets.set(user.password, `password of ${user.username}`);
    const logs = readdirSync(LOG_DIR).filter((name) => name.endsWith('.log'));
    // The sweep proves something only if there was something to search and something to search for.
    expect(logs.some((name) => name.startsWith('main-process'))).toBe(true);
    expect(logs.some((name) => name.startsWith('server-'))).toBe(true);
    // ...including the old passwords of the change flow (test/browser/unlock-change.test.ts).
    expect([...secrets.values()]).toEqual(expect.arrayContaining(['code', 'newPassword', 'oldPassword']));

    const leaks: string[] = [];
    let lines = 0;
    for (const name of logs) {
      const text = readFileSync(path.join(LOG_DIR, name), 'utf8');
      lines += text.split('\n').length;
      for (const [secret, what] of secrets) {
        // A code is a run of digits: only a whole run counts (timestamps and durations are full of digits).
        const found = /^\d+$/u.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`, 'u').test(text) : text.includes(secret);
        if (found) leaks.push(`${what} found in ${name}`);
      }
    }
    expect(lines).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});
