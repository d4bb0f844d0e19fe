import { describe, expect, it } from 'vitest';
import { normalisePassword, userNameParts, userNamesIn } from '@resetdesk/shared';
import {
  BannedTermChecker,
  globalBannedTerms,
  tenantTerms,
} from '../../../src-server/src/password/banned/banned-terms';
import { parseCustomTerm } from '../../../src-server/src/password/banned/custom-banned-terms';

// Microsoft's worked examples: tenant / custom term "contoso", global term "blank".
const contoso = new BannedTermChecker([...globalBannedTerms(), ...tenantTerms('Contoso')]);

describe("Entra's documented worked examples", () => {
  it('refuses C0ntos0Blank12 with 4 points: contoso + blank + 1 + 2', () => {
    expect(contoso.check('C0ntos0Blank12')).toEqual({ banned: true, points: 4, needed: 5, terms: ['contoso', 'blank'] });
  });

  it('accepts ContoS0Bl@nkf9! with 5 points: contoso + blank + f + 9 + !', () => {
    expect(contoso.check('ContoS0Bl@nkf9!')).toEqual({
      banned: false,
      points: 5,
      needed: 5,
      terms: ['contoso', 'blank'],
    });
  });

  it('refuses Bl@nK as blank', () => {
    expect(normalisePassword('Bl@nK')).toBe('blank');
    expect(contoso.check('Bl@nK').banned).toBe(true);
  });

  it('refuses abcdeg, abcdefg and abcde with abcdef banned (edit distance 1)', () => {
    const list = new BannedTermChecker(['abcdef']);
    for (const password of ['abcdeg', 'abcdefg', 'abcde', 'abcdef']) {
      expect(list.check(password)).toMatchObject({ banned: true, terms: ['abcdef'] });
    }
    expect(list.check('abcdefg').points).toBe(2);
    expect(list.check('abcd').banned).toBe(false);
    expect(list.check('abxyef').banned).toBe(false);
  });

  it('refuses p0LL23fb for user Poll (the name is a substring after normalisation)', () => {
    expect(normalisePassword('p0LL23fb')).toBe('poll23fb');
    expect(userNamesIn('p0LL23fb', ['poll', 'Poll'])).toEqual(['poll']);
  });
});

describe('normalisation', () => {
  it.each([
    ['0', 'o'],
    ['1', 'l'],
    ['$', 's'],
    ['@', 'a'],
    ['!', 'i'],
    ['|', 'l'],
    ['€', 'e'],
    ['+', 't'],
  ])('reads %s as %s', (from, to) => {
    expect(normalisePassword(`x${from}x`)).toBe(`x${to}x`);
  });

  it('lowercases, drops accents and writes ß as ss', () => {
    expect(normalisePassword('ÉTÉ')).toBe('ete');
    expect(normalisePassword('März')).toBe('marz');
    expect(normalisePassword('Fußball')).toBe('fussball');
    expect(normalisePassword('ﬁnance')).toBe('finance');
  });

  it('leaves other characters alone, emoji included', () => {
    expect(normalisePassword('kite-9#😀')).toBe('kite-9#😀');
  });
});

describe('fuzzy matching (one edit)', () => {
  const list = new BannedTermChecker(['harbour']);
  it.each([
    ['harbour', false],
    ['harbor', true],
    ['harbours', false],
    ['hxrbour', true],
    ['xarbour', true],
    ['harboux', true],
    ['arbour', true],
    ['harbou', true],
    ['harbxour', true],
  ])('%s matches harbour (fuzzy: %s)', (password, fuzzy) => {
    const verdict = list.check(password);
    expect(verdict.terms).toEqual(['harbour']);
    expect(verdict.banned).toBe(true);
    void fuzzy;
  });

  it('never matches two edits away, or a 4-letter term fuzzily', () => {
    expect(list.check('hxrboxr').terms).toEqual([]);
    const short = new BannedTermChecker(['kite']);
    expect(short.check('kite').terms).toEqual(['kite']);
    expect(short.check('kito').terms).toEqual([]);
  });

  it('prefers exact matches over a fuzzy one that overlaps them', () => {
    const both = new BannedTermChecker(['blank']);
    expect(both.check('blankf9!x')).toMatchObject({ points: 5, terms: ['blank'] });
  });

  it('finds terms anywhere in the password', () => {
    expect(contoso.check('xx-summer-xx').terms).toEqual(['summer']);
  });
});

describe('scoring', () => {
  it('scores 4 (refused) and 5 (accepted) at the threshold', () => {
    const list = new BannedTermChecker(['meadow']);
    expect(list.check('meadow123')).toMatchObject({ banned: true, points: 4 });
    expect(list.check('meadow1234')).toMatchObject({ banned: false, points: 5 });
  });

  it('refuses seasons, months and days with the usual suffixes in every language', () => {
    for (const password of ['Summer2024!', 'Zomer2025!', 'Herbst2024!', 'Hiver2026!', 'Maandag1!', 'Février2025']) {
      expect(contoso.check(password).banned, password).toBe(true);
    }
  });

  it('refuses keyboard walks and football clubs', () => {
    for (const password of ['Qwerty123!', 'Azerty2024', '1q2w3e4r!', 'Feyenoord1!', 'Schalke04!', 'Ajax2024!']) {
      expect(contoso.check(password).banned, password).toBe(true);
    }
  });

  it('accepts passphrases that contain a banned word among others', () => {
    expect(contoso.check('Summer-harbour-kite-7').banned).toBe(false);
    expect(contoso.check('Harbor-Lantern-17').banned).toBe(false);
  });

  it('counts an emoji as one character', () => {
    const list = new BannedTermChecker(['meadow']);
    expect(list.check('meadow😀😀😀').points).toBe(4);
  });
});

describe('names and custom terms', () => {
  it('derives first, last and display name and the user ID, 4+ characters, normalised', () => {
    expect(userNameParts(['adele@contoso.example', 'Adele Vance'])).toEqual(['adele', 'vance', 'adelevance']);
    expect(userNameParts(['CONTOSO\\bo', 'Bo Li'])).toEqual(['boli']);
    expect(normalisePassword('Tr0ub4dor&3')).toBe('troub4dor&3');
    expect(userNamesIn('V@nce-Harbor-42', ['adele', 'Adele Vance'])).toEqual(['vance']);
  });

  it('uses the tenant name whole and by its long words', () => {
    expect(tenantTerms('Fabrikam Bank of Europe')).toEqual(['FabrikamBankofEurope', 'Fabrikam', 'Bank', 'Europe']);
  });

  it('validates custom terms: 4 to 16 characters', () => {
    expect(parseCustomTerm('  Contoso ')).toBe('contoso');
    expect(() => parseCustomTerm('abc')).toThrow(/4 to 16/u);
    expect(() => parseCustomTerm('a'.repeat(17))).toThrow(/4 to 16/u);
    expect(parseCustomTerm('a'.repeat(16))).toHaveLength(16);
  });
});
