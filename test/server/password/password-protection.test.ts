import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, PasswordPolicySchema } from '@resetdesk/shared';
import type { PasswordPolicy } from '@resetdesk/shared';
import { BuiltinDirectory } from '../../../src-server/src/directory/builtin/builtin-directory';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { BreachedList, loadBreachedList, shippedListPath } from '../../../src-server/src/password/breached/breached-list';
import { containsPrefix, decodePrefixes, sha1Prefix } from '../../../src-server/src/password/breached/prefix-file';
import { judgeNewPassword } from '../../../src-server/src/password/new-password-verdict';
import { createPasswordChecker } from '../../../src-server/src/password/password-checker';
import { ResetPolicySchema } from '../../../src-server/src/policy/reset-policy';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { makeTempDir, ManualClock, TEST_SCRYPT_COST } from '../support/server-fixtures';

const NIST: PasswordPolicy = { ...DEFAULT_PASSWORD_POLICY, composition: 'nist', maxLength: 256 };
const breached = loadBreachedList(makeTempDir().dir);
const checkerFor = (policy: PasswordPolicy) =>
  createPasswordChecker({ policy, organizationName: 'Contoso', customBannedTerms: ['contoso'], breached });

describe('breached list (shipped offline)', () => {
  it('holds at least a million entries as sorted 32-bit prefixes', () => {
    expect(shippedListPath()).not.toBeNull();
    expect(breached.entries).toBeGreaterThanOrEqual(1_000_000);
    expect(breached.bytes).toBe(breached.entries * 4);
  });

  it.each(['123456', 'password', 'iloveyou', 'qwerty123', 'PASSWORD1', '123456789012'])(
    'refuses %s as breached',
    (password) => {
      expect(breached.contains(password)).toBe(true);
    },
  );

  it('accepts random passwords (false positives are about 1 in 3,400 per million entries)', () => {
    // Random-looking but fixed (hashes of their index): a random draw failed the bound about once in 600 runs.
    const passwords = Array.from({ length: 200 }, (_, i) =>
      createHash('sha256').update(`random-${i}`).digest('base64url').slice(0, 16),
    );
    expect(passwords.filter((p) => breached.contains(p)).length).toBeLessThanOrEqual(1);
  });

  it('refuses a truncated or unsorted file rather than searching it wrongly', () => {
    expect(() => decodePrefixes(Buffer.alloc(5))).toThrow(/4-byte/u);
    expect(() => decodePrefixes(Buffer.from([0, 0, 0, 2, 0, 0, 0, 1]))).toThrow(/sorted/u);
    const list = decodePrefixes(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9]));
    expect([containsPrefix(list, 1), containsPrefix(list, 9), containsPrefix(list, 5)]).toEqual([true, true, false]);
    expect(new BreachedList([Uint32Array.of(sha1Prefix('x'))]).contains('X')).toBe(true);
  });
});

describe('composition modes', () => {
  it('Entra (default): 8-256 characters, 3 of 4 classes', () => {
    const entra = checkerFor(DEFAULT_PASSWORD_POLICY);
    expect(entra.check('correct horse battery staple', []).reasons).toEqual(['MISSING_CHARACTER_CLASSES']);
    expect(entra.check('Harbor-Lantern-17', []).ok).toBe(true);
    // The two examples the old list let through: a famous word one edit away, and digits only.
    expect(entra.check('Tr0ub4dor&3', []).reasons).toEqual(['BANNED_PASSWORD']);
    expect(entra.check('123456789012', []).reasons).toEqual(['MISSING_CHARACTER_CLASSES', 'BANNED_PASSWORD', 'BREACHED_PASSWORD']);
    expect(entra.check(`Aa1-${'x'.repeat(253)}`, []).reasons).toEqual(['TOO_LONG']);
  });

  it('NIST 800-63B: no composition rules, so correct horse battery staple passes; 64+ characters allowed', () => {
    const nist = checkerFor(NIST);
    expect(nist.check('correct horse battery staple', [])).toMatchObject({ ok: true, reasons: [] });
    expect(nist.check('x'.repeat(64) + ' kite harbour', []).ok).toBe(true);
    expect(nist.check('short', []).reasons).toContain('TOO_SHORT');
    expect(nist.check('password123', []).reasons).toEqual(['BANNED_PASSWORD', 'BREACHED_PASSWORD']);
  });

  it('NIST mode must allow 64 characters and require 8', () => {
    expect(PasswordPolicySchema.safeParse({ ...NIST, maxLength: 63 }).success).toBe(false);
    expect(PasswordPolicySchema.safeParse({ ...NIST, minLength: 6 }).success).toBe(false);
    expect(PasswordPolicySchema.safeParse(NIST).success).toBe(true);
    expect(ResetPolicySchema.parse({}).passwordPolicy.composition).toBe('entra');
  });
});

describe('password history (built-in directory)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let directory: BuiltinDirectory;

  beforeEach(async () => {
    temp = makeTempDir();
    store = await openStore(temp.dir);
    const clock = new ManualClock();
    await ensureTenant(store.db, clock, 't', 'Contoso');
    const deps = { db: store.db, tenantId: 't', hasher: new PasswordHasher(TEST_SCRYPT_COST), clock };
    directory = new BuiltinDirectory(deps);
    await createBuiltinUsers(deps, [{ username: 'jan', displayName: 'Jan Jansen', password: 'Old-Harbor-11' }]);
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  const judge = async (password: string, historyCount: number) => {
    const policy = ResetPolicySchema.parse({ passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, historyCount } });
    const user = await directory.findUser('jan');
    return judgeNewPassword({ passwordChecker: checkerFor(policy.passwordPolicy), directory, policy }, user, password);
  };

  it('refuses the last N passwords (hashed), the current one included, and allows older ones', async () => {
    const jan = await directory.findUser('jan');
    if (!jan) throw new Error('jan was not created');
    for (const next of ['Second-Meadow-22', 'Third-Orbit-33', 'Fourth-Comet-44']) {
      await directory.setPassword(jan.id, next, { unlock: false });
    }
    expect((await judge('Fourth-Comet-44', 3)).reasons).toEqual(['PASSWORD_IN_HISTORY']);
    expect((await judge('Second-Meadow-22', 3)).reasons).toEqual(['PASSWORD_IN_HISTORY']);
    expect((await judge('Old-Harbor-11', 3)).ok).toBe(true);
    expect((await judge('Old-Harbor-11', 4)).reasons).toEqual(['PASSWORD_IN_HISTORY']);
    expect((await judge('Fourth-Comet-44', 0)).ok).toBe(true);
    expect((await judge('Fresh-Lantern-55', 24)).ok).toBe(true);
    const rows = await store.db.selectFrom('password_history' as never).selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('Meadow');
  });
});

describe('the check never throws', () => {
  const checker = checkerFor(DEFAULT_PASSWORD_POLICY);
  it('on any string: emoji, NUL, lone surrogates, 10,000 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 40 }), (password, name) => {
        const verdict = checker.check(password, [name, `${name} Vance`]);
        expect(verdict.ok).toBe(verdict.reasons.length === 0);
      }),
      { numRuns: 300 },
    );
    for (const odd of ['\u0000', 'a\u0000b\u0000C1!x', '\ud800', '😀'.repeat(20), 'x'.repeat(10_000), 'C0nt0s0'.repeat(1500)]) {
      expect(() => checker.check(odd, ['adele'])).not.toThrow();
    }
    expect(checker.check('a\u0000bcdefG1!', []).reasons).toContain('INVALID_CHARACTERS');
  });
});

describe('refusal details travel in the error contract', () => {
  it('names the banned terms and the score, only for a banned password, and parses as ErrorDetails', async () => {
    const { ApiErrorSchema } = await import('@resetdesk/shared');
    const { passwordRejected } = await import('../../../src-server/src/password/new-password-verdict');
    const { errorBody } = await import('../../../src-server/src/http/errors');
    const toApiError = (e: ReturnType<typeof passwordRejected>) => errorBody(e.code, e.message, e.details).error;
    const checker = checkerFor(DEFAULT_PASSWORD_POLICY);
    const banned = toApiError(passwordRejected(checker.check('C0ntos0Blank12', [])));
    expect(ApiErrorSchema.parse(banned).details).toEqual({
      reasons: ['BANNED_PASSWORD'],
      password: { bannedTerms: ['contoso', 'blank'], points: 4, pointsNeeded: 5 },
    });
    const short = toApiError(passwordRejected(checker.check('Kite-1', [])));
    expect(short.details).toEqual({ reasons: ['TOO_SHORT'] });
  });
});
