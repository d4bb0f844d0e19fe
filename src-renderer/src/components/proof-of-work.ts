/**
 * The CAPTCHA's alternative that needs no sight: find a nonce so that SHA-256(`${salt}:${nonce}`) starts with
 * `difficultyBits` zero bits. WebCrypto's digest is asynchronous, so the page stays responsive (and the screen reader
 * keeps talking) while the device works.
 */
function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export async function solveProofOfWork(
  salt: string,
  difficultyBits: number,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const encoder = new TextEncoder();
  for (let nonce = 0; nonce < Number.MAX_SAFE_INTEGER; nonce++) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', encoder.encode(`${salt}:${nonce}`)));
    if (leadingZeroBits(digest) >= difficultyBits) return String(nonce);
  }
  throw new Error('no proof of work found');
}
