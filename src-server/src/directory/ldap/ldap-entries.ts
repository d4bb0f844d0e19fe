import type { Entry } from 'ldapts';

/** The ppolicy value of pwdAccountLockedTime that means "locked by an administrator until unlocked" (disabled). */
export const PERMANENTLY_LOCKED = '000001010000Z';

/** The first value of an attribute, looked up without regard to case (servers answer in their schema's spelling). */
export function firstValue(entry: Entry, attribute: string): string | null {
  const values = allValues(entry, attribute);
  return values[0] ?? null;
}

export function allValues(entry: Entry, attribute: string): string[] {
  const wanted = attribute.toLowerCase();
  for (const [key, value] of Object.entries(entry)) {
    if (key.toLowerCase() !== wanted || key === 'dn') continue;
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : String(item))).filter((v) => v !== '');
  }
  return [];
}

/** GeneralizedTime (`20261203095710Z`, `20261203095710.771576Z`, `...+0100`) as a Date; null when unreadable. */
export function parseGeneralizedTime(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/u.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi = '00', s = '00', fraction = '0', zone = 'Z'] = match;
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  return Number.isNaN(time) ? null : new Date(time);
}

/**
 * The value of a DN's first RDN (`cn=Help Desk,ou=groups,...` -> `Help Desk`), unescaped (RFC 4514), as a group's
 * name. Multi-valued RDNs give their first value.
 */
export function firstRdnValue(dn: string): string {
  let value = '';
  let inValue = false;
  for (let i = 0; i < dn.length; i += 1) {
    const char = dn.charAt(i);
    if (char === '\\' && i + 1 < dn.length) {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/u.test(hex)) {
        const bytes: number[] = [];
        while (dn.charAt(i) === '\\' && /^[0-9a-fA-F]{2}$/u.test(dn.slice(i + 1, i + 3))) {
          bytes.push(parseInt(dn.slice(i + 1, i + 3), 16));
          i += 3;
        }
        i -= 1;
        if (inValue) value += Buffer.from(bytes).toString('utf8');
      } else {
        i += 1;
        if (inValue) value += dn.charAt(i);
      }
      continue;
    }
    if (!inValue) {
      if (char === '=') inValue = true;
      continue;
    }
    if (char === ',' || char === '+' || char === ';') break;
    value += char;
  }
  return value.trim();
}

/** DNs compared loosely (case and spaces around separators), enough to recognise the service account's own entry. */
export function sameDn(a: string, b: string): boolean {
  const norm = (dn: string): string => dn.toLowerCase().replace(/\s*([,=+])\s*/gu, '$1').trim();
  return norm(a) === norm(b);
}
