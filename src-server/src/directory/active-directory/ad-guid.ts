/**
 * objectGUID, the stable id of an AD object: 16 bytes on the wire, shown as the usual GUID string whose first three
 * fields are little-endian (bytes 3..0, 5..4, 7..6) and the last two in byte order, as Windows tools print it.
 */
const GUID_STRING = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function formatGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error(`An objectGUID has 16 bytes, not ${bytes.length}`);
  const hex = (indexes: number[]): string => indexes.map((i) => (bytes[i] ?? 0).toString(16).padStart(2, '0')).join('');
  return [
    hex([3, 2, 1, 0]),
    hex([5, 4]),
    hex([7, 6]),
    hex([8, 9]),
    hex([10, 11, 12, 13, 14, 15]),
  ].join('-');
}

/** The 16 bytes of a GUID string; null when it is not one (an id from elsewhere never reaches a filter). */
export function parseGuid(text: string): Uint8Array | null {
  if (!GUID_STRING.test(text)) return null;
  const hex = text.replace(/-/gu, '');
  const byte = (i: number): number => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return Uint8Array.from(order.map(byte));
}
