import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_POLICY,
  characterClassesOf,
  evaluatePassword,
  userNameParts,
  PasswordPolicySchema,
} from '@resetdesk/shared';

describe('evaluatePassword (shared by live hints and the server)', () => {
  it('accepts a password that meets every default rule', () => {
    const result = evaluatePassword('Blue-Harbour-41', DEFAULT_PASSWORD_POLICY, ['adele', 'Adele Vance']);
    expect(result).toMatchObject({ ok: true, reasons: [] });
    expect(result.classesPresent).toEqual(['lowercase', 'uppercase', 'digit', 'symbol']);
  });

  it('names every rule a password breaks', () => {
    expect(evaluatePassword('abc', DEFAULT_PASSWORD_POLICY).reasons).toEqual(['TOO_SHORT', 'MISSING_CHARACTER_CLASSES']);
    expect(evaluatePassword('a'.repeat(257) + 'A1', DEFAULT_PASSWORD_POLICY).reasons).toEqual(['TOO_LONG']);
    expect(evaluatePassword('Tab\there1!', DEFAULT_PASSWORD_POLICY).reasons).toEqual(['INVALID_CHARACTERS']);
  });

  it('counts characters as a person does (code points, not UTF-16 units)', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, minLength: 4, minCharacterClasses: 0 };
    expect(evaluatePassword('😀😀😀', policy).reasons).toEqual(['TOO_SHORT']);
    expect(evaluatePassword('😀😀😀😀', policy).ok).toBe(true);
  });

  it('refuses the user name and display-name parts, case-insensitively', () => {
    const names = ['adele@contoso.example', 'Adele Vance'];
    expect(userNameParts(names)).toEqual(['adele', 'vance', 'adelevance']);
    expect(evaluatePassword('MyVANCE-pass9', DEFAULT_PASSWORD_POLICY, names).reasons).toEqual(['CONTAINS_USER_NAME']);
    const lenient = { ...DEFAULT_PASSWORD_POLICY, disallowUserName: false };
    expect(evaluatePassword('MyVANCE-pass9', lenient, names).ok).toBe(true);
  });

  it('classifies characters into the four classes, with a space as a symbol', () => {
    expect(characterClassesOf('ab CD')).toEqual(['lowercase', 'uppercase', 'symbol']);
    expect(characterClassesOf('ÉÀ éà 12')).toEqual(['lowercase', 'uppercase', 'digit', 'symbol']);
  });

  it('validates policies: min may not exceed max', () => {
    expect(PasswordPolicySchema.safeParse({ ...DEFAULT_PASSWORD_POLICY, minLength: 300, maxLength: 256 }).success).toBe(
      false,
    );
    expect(PasswordPolicySchema.safeParse(DEFAULT_PASSWORD_POLICY).success).toBe(true);
  });
});
