import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../../src-server/src/methods/masked-email';
import { codeHmac, generateNumericCode, hmacEquals } from '../../../src-server/src/methods/code-base/one-time-code';

describe('one-time codes', () => {
  it('are all digits, of the asked length, zero-padded and varied', () => {
    const codes = Array.from({ length: 2000 }, () => generateNumericCode(6));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/u);
    expect(generateNumericCode(10)).toMatch(/^\d{10}$/u);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Leading digits are spread over 0-9 (a non-padded generator would never start with 0).
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
  });

  it('are stored as an HMAC bound to the key and the flow', () => {
    const key = Buffer.alloc(32, 1);
    const stored = codeHmac(key, 'flow-1', '123456');
    expect(stored).toMatch(/^[0-9a-f]{64}$/u);
    expect(stored).not.toContain('123456');
    expect(hmacEquals(stored, codeHmac(key, 'flow-1', '123456'))).toBe(true);
    expect(hmacEquals(stored, codeHmac(key, 'flow-2', '123456'))).toBe(false);
    expect(hmacEquals(stored, codeHmac(Buffer.alloc(32, 2), 'flow-1', '123456'))).toBe(false);
    expect(hmacEquals(stored, codeHmac(key, 'flow-1', '123457'))).toBe(false);
    expect(hmacEquals(stored, 'abcd')).toBe(false);
  });
});

describe('masked email addresses', () => {
  it('show the first character and the full domain only', () => {
    expect(maskEmail('jan.jansen@contoso.com')).toBe('j\u2022\u2022\u2022@contoso.com');
    expect(maskEmail('adele@contoso.example')).toBe('a•••@contoso.example');
    expect(maskEmail('x@fabrikam.nl')).toBe('x•••@fabrikam.nl');
    // The length of the local part is not revealed.
    expect(maskEmail('ab@d.nl')).toBe(maskEmail('abcdefghij@d.nl'));
  });
});
