import { describe, expect, it } from 'vitest';
import { PasswordHasher, PRODUCTION_SCRYPT_COST } from '../../../src-server/src/support/password-hash';
import { TEST_SCRYPT_COST } from '../support/server-fixtures';

describe('scrypt password hashes', () => {
  const hasher = new PasswordHasher(TEST_SCRYPT_COST);

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('Harbor-Lantern-17');
    expect(await hasher.verify(stored, 'Harbor-Lantern-17')).toBe(true);
    expect(await hasher.verify(stored, 'Harbor-Lantern-18')).toBe(false);
    expect(await hasher.verify(stored, '')).toBe(false);
  });

  it('encodes its parameters, a 16-byte salt and a 32-byte key, and salts every hash differently', async () => {
    const first = await hasher.hash('same password');
    const second = await hasher.hash('same password');
    expect(first).not.toBe(second);
    const [prefix, n, r, p, salt, key] = first.split('$');
    expect([prefix, n, r, p]).toEqual(['scrypt', '4096', '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    expect(first).not.toContain('same password');
  });

  it('verifies with the parameters stored in the hash, not the current ones', async () => {
    const stored = await new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('Copper-Meadow-23');
    expect(await hasher.verify(stored, 'Copper-Meadow-23')).toBe(true);
  });

  it('never matches a malformed or hostile stored value', async () => {
    const stored = await hasher.hash('x');
    const parts = stored.split('$');
    expect(await hasher.verify('', 'x')).toBe(false);
    expect(await hasher.verify('plain-text', 'plain-text')).toBe(false);
    expect(await hasher.verify(['bcrypt', ...parts.slice(1)].join('$'), 'x')).toBe(false);
    // N not a power of two, and N far above the limit (would need gigabytes): refused without hashing.
    expect(await hasher.verify(['scrypt', '4095', ...parts.slice(2)].join('$'), 'x')).toBe(false);
    expect(await hasher.verify(['scrypt', String(2 ** 30), ...parts.slice(2)].join('$'), 'x')).toBe(false);
  });

  it('treats the composed and decomposed forms of the same text as one password', async () => {
    const stored = await hasher.hash('Caf\u00e9-Terrace-42');
    expect(await hasher.verify(stored, 'Cafe\u0301-Terrace-42')).toBe(true);
  });

  it('hashes at production cost (N=2^17, r=8, p=1) unless told otherwise', async () => {
    const production = new PasswordHasher();
    expect(production.cost).toEqual({ N: 131072, r: 8, p: 1 });
    expect(PRODUCTION_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await production.hash('Maple-Orbit-48');
    expect(stored.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await hasher.verify(stored, 'Maple-Orbit-48')).toBe(true);
  });
});
