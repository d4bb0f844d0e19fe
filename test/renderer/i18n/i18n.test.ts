import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LANGUAGES, PasswordRejectionReasonSchema } from '@resetdesk/shared';
import en from '../../../src-renderer/src/i18n/languages/en.json';
import nl from '../../../src-renderer/src/i18n/languages/nl.json';
import type { Messages } from '../../../src-renderer/src/i18n/messages';
import { createTranslator, detectLanguage, interpolate, loadedMessages, loadMessages } from '../../../src-renderer/src/i18n/translator';

/** Every leaf as [dotted.path, text]. */
function leaves(node: unknown, path = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[path, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

// Every language file, by code: what the registry lists must be exactly what the folder holds.
const FILES = import.meta.glob<Messages>('../../../src-renderer/src/i18n/languages/*.json', { eager: true, import: 'default' });
const byCode = new Map(Object.entries(FILES).map(([file, messages]) => [/([\w-]+)\.json$/u.exec(file)?.[1] ?? file, messages]));

/** Every plural message as [dotted.path, forms]: the objects whose keys are all plural categories. */
function plurals(node: unknown, path = ''): [string, Record<string, string>][] {
  if (typeof node !== 'object' || node === null) return [];
  const keys = Object.keys(node);
  if (keys.includes('other') && keys.every((k) => CATEGORIES.includes(k))) return [[path, node as Record<string, string>]];
  return Object.entries(node).flatMap(([key, value]) => plurals(value, path ? `${path}.${key}` : key));
}
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

describe('language files', () => {
  const enLeaves = new Map(leaves(en));

  it('has one file per registered language and no other', () => {
    expect([...byCode.keys()].sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const [code, messages] of byCode) {
    it(`${code}: has the keys and placeholders of English, as non-empty texts`, () => {
      const own = new Map(leaves(messages));
      const isPluralForm = (path: string) => /\.(zero|two|few|many)$/u.test(path);
      expect([...own.keys()].filter((p) => !isPluralForm(p)).sort()).toEqual([...enLeaves.keys()].sort());
      for (const [path, text] of own) {
        expect(typeof text, path).toBe('string');
        expect(String(text).trim(), path).not.toBe('');
      }
      for (const [path, text] of enLeaves) expect(placeholders(String(own.get(path))), path).toEqual(placeholders(String(text)));
    });

    it(`${code}: has a form for every plural category the language uses, each with {count} where English has it`, () => {
      const used = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      const enPlurals = new Map(plurals(en));
      const own = plurals(messages);
      expect(own.map(([path]) => path).sort()).toEqual([...enPlurals.keys()].sort());
      for (const [path, forms] of own) {
        for (const category of used) expect(forms[category] ?? forms.other, `${path}.${category}`).toBeTypeOf('string');
        for (const category of Object.keys(forms)) expect(used.includes(category as Intl.LDMLPluralRule) || category === 'one', `${path}.${category}`).toBe(true);
      }
    });
  }
});

describe('messages', () => {
  const enLeaves = new Map(leaves(en));
  const nlLeaves = new Map(leaves(nl));

  it('has exactly the same keys in English and Dutch', () => {
    expect([...nlLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    expect(enLeaves.size).toBeGreaterThan(50);
  });

  it('has no empty or non-string texts', () => {
    for (const [path, text] of [...enLeaves, ...nlLeaves]) {
      expect(typeof text, path).toBe('string');
      expect(String(text).trim(), path).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [path, text] of enLeaves) {
      expect(placeholders(String(nlLeaves.get(path))), path).toEqual(placeholders(String(text)));
    }
  });

  it('really is translated (Dutch differs from English except for proper names)', () => {
    const same = [...enLeaves].filter(([path, text]) => nlLeaves.get(path) === text).map(([path]) => path);
    expect(same).toEqual([]);
  });

  it('has a title and an action for every error code in both languages', () => {
    for (const messages of [en, nl]) {
      expect(Object.keys(messages.errors).sort()).toEqual([...ERROR_CODES].sort());
      for (const code of ERROR_CODES) {
        expect(messages.errors[code].title.length, code).toBeGreaterThan(5);
        expect(messages.errors[code].action.length, code).toBeGreaterThan(5);
      }
    }
  });

  it('has a text for every password rejection reason in both languages', () => {
    for (const messages of [en, nl]) {
      expect(Object.keys(messages.passwordReasons).sort()).toEqual([...PasswordRejectionReasonSchema.options].sort());
    }
  });

  it('uses the Entra SSPR wording in English and natural Dutch', () => {
    expect(en.app.title).toBe('Get back into your account');
    expect(en.username.heading).toBe('Who are you?');
    expect(en.chooseMethod.email).toBe('Email my alternate email');
    expect(en.done.finish).toBe('Finish');
    expect(nl.app.title).toBe('Terug naar je account');
    expect(nl.newPassword.submit).toBe('Wachtwoord opnieuw instellen');
  });
});

describe('interpolate', () => {
  it('fills named placeholders, repeatedly, and leaves unknown ones visible', () => {
    expect(interpolate('Step {step} of {total}', { step: 1, total: 3 })).toBe('Step 1 of 3');
    expect(interpolate('{a}{a}', { a: 'x' })).toBe('xx');
    expect(interpolate('Hello {name}')).toBe('Hello {name}');
  });

  it('does not treat values as templates', () => {
    expect(interpolate('{a}', { a: '{b}', b: 'no' })).toBe('{b}');
  });
});

describe('plural', () => {
  it('chooses English forms by Intl.PluralRules', () => {
    const t = createTranslator('en');
    expect(t.plural(t.m.enterCode.attemptsLeft, 1)).toBe('You have 1 attempt left.');
    expect(t.plural(t.m.enterCode.attemptsLeft, 2)).toBe('You have 2 attempts left.');
    expect(t.plural(t.m.enterCode.attemptsLeft, 0)).toBe('You have 0 attempts left.');
  });

  it('chooses Dutch forms by Intl.PluralRules', async () => {
    await loadMessages('nl');
    const t = createTranslator('nl');
    expect(t.plural(t.m.enterCode.attemptsLeft, 1)).toBe('Je hebt nog 1 poging.');
    expect(t.plural(t.m.enterCode.attemptsLeft, 3)).toBe('Je hebt nog 3 pogingen.');
  });
});

describe('loading languages', () => {
  it('has English at once and loads another language on demand, once', async () => {
    expect(loadedMessages('en')).toBe(en);
    const first = await loadMessages('nl');
    expect(first).toBe(nl);
    expect(await loadMessages('nl')).toBe(first);
    expect(createTranslator('nl').m).toBe(nl);
  });
});

describe('detectLanguage', () => {
  it('picks Dutch for any nl* tag and English otherwise', () => {
    expect(detectLanguage(['nl-NL', 'en'])).toBe('nl');
    expect(detectLanguage(['nl-BE'])).toBe('nl');
    expect(detectLanguage(['NL'])).toBe('nl');
    expect(detectLanguage(['en-US', 'nl'])).toBe('en');
    expect(detectLanguage(['de-DE', 'nl-NL'])).toBe('nl');
    expect(detectLanguage(['de-DE', 'fr'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });
});
