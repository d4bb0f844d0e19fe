import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '@resetdesk/shared';
import { createPasswordChecker } from '../../../src-server/src/password/password-checker';

const checker = createPasswordChecker({ policy: DEFAULT_PASSWORD_POLICY, organizationName: 'Contoso' });
const adele = ['adele', 'Adele Vance'];

describe('password checker', () => {
  it('accepts a long password that breaks no rule', () => {
    expect(checker.check('Blue-Harbor-42-Kite', adele)).toMatchObject({ ok: true, reasons: [] });
    expect(checker.check('Summer-harbour-kite-7', adele)).toMatchObject({ ok: true, reasons: [] });
  });

  it.each([
    'P@ssw0rd1!',
    'Password123!',
    'Summer2024!',
    'Winter2025#',
    '!Spring2026',
    'Zomer2025!',
    'Herfst-2024',
    'Lente2026!',
    'Wachtwoord1!',
    'Welkom01!',
    'Welcome123!',
    'Letmein123!',
    'Qwerty123!',
    'IloveYou2!',
    'Contoso2026!',
    'C0nt0s0#2026',
    '123456Ab!',
  ])('bans %s (disguised common or organisation word)', (password) => {
    expect(checker.check(password, adele).reasons).toContain('BANNED_PASSWORD');
  });

  it("gives Microsoft's worked examples their documented verdicts, with the findings", () => {
    expect(checker.check('C0ntos0Blank12', adele)).toEqual({
      ok: false,
      reasons: ['BANNED_PASSWORD'],
      findings: { bannedTerms: ['contoso', 'blank'], points: 4, pointsNeeded: 5 },
    });
    expect(checker.check('ContoS0Bl@nkf9!', adele)).toMatchObject({ ok: true, findings: { points: 5 } });
    expect(checker.check('p0LL23fb', ['poll', 'Poll'])).toMatchObject({ ok: false, reasons: ['CONTAINS_USER_NAME'] });
  });

  it('returns every reason that applies, the shared rules first', () => {
    const result = checker.check('password', adele);
    expect(result.ok).toBe(false);
    expect(result.reasons).toEqual(['MISSING_CHARACTER_CLASSES', 'BANNED_PASSWORD']);

    const short = checker.check('Adele1!', adele);
    expect(short.reasons).toEqual(['TOO_SHORT', 'CONTAINS_USER_NAME']);

    expect(checker.check('Vance-Harbor-42', adele).reasons).toEqual(['CONTAINS_USER_NAME']);
    expect(checker.check('Tab\there-Harbor-42', adele).reasons).toEqual(['INVALID_CHARACTERS']);
  });

  it('never accepts what the shared live-hint rules reject', () => {
    const samples = ['a', 'abcdefgh', 'ABCDEFGH1', 'Adele-Vance-1', 'x'.repeat(300), 'Ok-Pass-123', 'Gr8-Kite-Harbor'];
    for (const password of samples) {
      const shared = evaluatePassword(password, DEFAULT_PASSWORD_POLICY, adele);
      const server = checker.check(password, adele);
      for (const reason of shared.reasons) expect(server.reasons).toContain(reason);
      if (!shared.ok) expect(server.ok).toBe(false);
    }
  });

  it('uses the configured organisation name and the custom list', () => {
    const fabrikam = createPasswordChecker({
      policy: DEFAULT_PASSWORD_POLICY,
      organizationName: 'Fabrikam Bank',
      customBannedTerms: ['northwind'],
    });
    expect(fabrikam.check('Fabrikam2026!', adele).reasons).toContain('BANNED_PASSWORD');
    expect(fabrikam.check('Contoso2026!', adele).reasons).not.toContain('BANNED_PASSWORD');
    expect(fabrikam.check('N0rthw1nd#26', adele)).toMatchObject({
      reasons: ['BANNED_PASSWORD'],
      findings: { bannedTerms: ['northwind'], points: 4 },
    });
    expect(fabrikam.check('Nortwind26!', adele).reasons).toEqual(['BANNED_PASSWORD']);
  });
});
