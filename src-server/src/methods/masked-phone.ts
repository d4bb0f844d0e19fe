const BULLET = '\u2022';

/**
 * `+31 6 1234 5678` -> `••• ••• ••78`: only the last two digits, in one fixed shape whatever the number's format, so
 * the mask tells the owner which phone and nobody else anything (not even the country).
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/gu, '');
  return `${BULLET.repeat(3)} ${BULLET.repeat(3)} ${BULLET.repeat(2)}${digits.slice(-2).padStart(2, BULLET)}`;
}
