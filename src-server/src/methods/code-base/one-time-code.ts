import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A uniformly random numeric code from the CSPRNG, zero-padded to `length` digits. */
export function generateNumericCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/**
 * What is stored instead of the code: HMAC-SHA256 over the flow id and the code. Binding the flow id means a code
 * from one flow is worthless in another; the key means a copy of the database does not allow offline guessing.
 */
export function codeHmac(key: Buffer, flowId: string, code: string): string {
  return createHmac('sha256', key).update(`${flowId}|${code}`).digest('hex');
}

export function hmacEquals(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
