import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { LOG_DIR, MIN_SECRET_LENGTH, SECRETS_FILE } from '../browser/support/log-sweep';

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
    // The demo users' secrets, whether or not a test typed them: passwords, security answers, TOTP secrets and the
    // approver keys the approver page sends (in a header) from the "phone".
    // What the ledger already names keeps its name.
    const add = (value: string, what: string) => secrets.has(value) || secrets.set(value, what);
    for (const user of DEMO_USERS) {
      add(user.password, `password of ${user.username}`);
      for (const { answer } of user.questions ?? []) add(answer, `security answer of ${user.username}`);
      if (user.totpSecret) add(user.totpSecret, `TOTP secret of ${user.username}`);
      if (user.approver) add(user.approver.key, `approver key of ${user.username}`);
    }
    // Shorter values would match innocently (a 4-letter answer); the ledger applies the same floor.
    for (const secret of [...secrets.keys()]) if (secret.length < MIN_SECRET_LENGTH) secrets.delete(secret);
    const logs = readdirSync(LOG_DIR).filter((name) => name.endsWith('.log'));
    // The sweep proves something only if there was something to search and something to search for.
    expect(logs.some((name) => name.startsWith('main-process'))).toBe(true);
    expect(logs.some((name) => name.startsWith('server-'))).toBe(true);
    // ...including the old passwords of the change flow (test/browser/unlock-change.test.ts) and the security answers
    // typed in test/browser/verification-methods.test.ts (its TOTP and SMS codes are among the codes).
    expect([...secrets.values()]).toEqual(expect.arrayContaining(['code', 'newPassword', 'oldPassword', 'answer']));

    const leaks: string[] = [];
    let lines = 0;
    for (const name of logs) {
      const text = readFileSync(path.join(LOG_DIR, name), 'utf8');
      const lower = text.toLowerCase();
      lines += text.split('\n').length;
      for (const [secret, what] of secrets) {
        // A code is a run of digits: only a whole run counts (timestamps and durations are full of digits).
        // Anything else in any case: the server normalises security answers (case, spaces) before it uses them.
        const found = /^\d+$/u.test(secret)
          ? new RegExp(`(?<!\\d)${secret}(?!\\d)`, 'u').test(text)
          : lower.includes(secret.toLowerCase());
        if (found) leaks.push(`${what} found in ${name}`);
      }
    }
    expect(lines).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});
