/**
 * Escaping for values that strangers type (user IDs) before they go into an LDAP filter or DN. Without it
 * `*)(uid=*` matches everyone and `admin)(&)` rewrites the filter.
 */

/** RFC 4515 section 3: `*`, `(`, `)`, `\` and NUL as `\XX`; every other byte passes unchanged (UTF-8 is valid). */
export function escapeFilterValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters RFC 4515 requires escaped
  return value.replace(/[*()\\\u0000]/gu, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Fills `{user}` (and any other `{name}`) placeholders of a configured filter template with escaped values, so that
 * a template written by an administrator can never be widened by what is typed into it.
 */
export function fillFilter(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The filter template uses {${name}}, which has no value`);
    return escapeFilterValue(value);
  });
}

/**
 * RFC 4514 section 2.4, for one attribute value of a DN: `,+"\<>;=` and NUL escaped, a leading space or `#` and a
 * trailing space escaped.
 */
export function escapeDnValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- NUL must be escaped in a DN too
  let escaped = value.replace(/[,+"\\<>;=\u0000]/gu, (char) =>
    char === '\u0000' ? '\\00' : `\\${char}`,
  );
  if (escaped.startsWith(' ') || escaped.startsWith('#')) escaped = `\\${escaped}`;
  if (escaped.endsWith(' ') && !escaped.endsWith('\\ ')) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}
