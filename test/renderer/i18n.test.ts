import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PasswordRejectionReasonSchema } from '@resetdesk/shared';
import { en } from '../../src-renderer/src/i18n/messages/en';
import { nl } from '../../src-renderer/src/i18n/messages/nl';
import { createTranslator, detectLanguage, interpolate, loadedMessages, loadMessages } from '../../src-renderer/src/i18n/translator';

/** Every leaf as [dotted.path, text]. */
function leaves(node: unknown, path = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[path, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

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
    expect(same.sort()).toEqual(['language.en', 'language.nl']);
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
