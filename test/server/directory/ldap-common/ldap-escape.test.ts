import { describe, expect, it } from 'vitest';
import {
  escapeDnValue,
  escapeFilterValue,
  fillFilter,
} from '../../../../src-server/src/directory/ldap-common/ldap-escape';

describe('LDAP escaping of what strangers type', () => {
  it('escapes the filter characters of RFC 4515, so no typed ID can widen a filter', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('admin)(&)')).toBe('admin\\29\\28&\\29');
    expect(escapeFilterValue('\\2a')).toBe('\\5c2a');
    expect(escapeFilterValue('a\u0000b')).toBe('a\\00b');
    expect(escapeFilterValue('adèle@contoso.example')).toBe('adèle@contoso.example');
  });

  it('fills a configured template with escaped values only', () => {
    expect(fillFilter('(|(uid={user})(mail={user}))', { user: '*' })).toBe('(|(uid=\\2a)(mail=\\2a))');
    expect(() => fillFilter('(uid={name})', { user: 'x' })).toThrow(/\{name\}/u);
  });

  it('escapes DN values as RFC 4514 says', () => {
    expect(escapeDnValue('Vance, Adele')).toBe('Vance\\, Adele');
    expect(escapeDnValue('#admin')).toBe('\\#admin');
    expect(escapeDnValue(' lead and trail ')).toBe('\\ lead and trail\\ ');
    expect(escapeDnValue('a+b=c;d<e>"f"\\')).toBe('a\\+b\\=c\\;d\\<e\\>\\"f\\"\\\\');
  });
});
