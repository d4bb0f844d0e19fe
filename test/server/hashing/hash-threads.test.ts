import { scryptSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HASH_THREAD_NICE, scryptOnHashThread } from '../../../src-server/src/support/hash-threads';

const OPTIONS = { N: 2 ** 12, r: 8, p: 1 };

// The nice value of each of this process's threads (field 19 of /proc/<pid>/task/<tid>/stat, after the name).
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('hash threads', () => {
  it('give the key scrypt gives, for parallel jobs beyond the threads too', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const passwords = Array.from({ length: 6 }, (_, i) => `Harbor-${i}-Lantern`);
    const keys = await Promise.all(passwords.map((password) => scryptOnHashThread(password, salt, 32, OPTIONS)));
    keys.forEach((key, i) => expect(key.equals(scryptSync(passwords[i] ?? '', salt, 32, OPTIONS))).toBe(true));
  });

  it('pass scrypt’s error on (memory beyond maxmem) and keep hashing afterwards', async () => {
    const salt = Buffer.from('0123456789abcdef');
    await expect(scryptOnHashThread('x', salt, 32, { ...OPTIONS, maxmem: 1024 })).rejects.toThrow();
    expect((await scryptOnHashThread('x', salt, 32, OPTIONS)).length).toBe(32);
  });

  it.runIf(process.platform === 'linux')('run below the event loop’s priority, which keeps its own', async () => {
    const mainNice = threadNices()[0];
    await scryptOnHashThread('x', Buffer.from('0123456789abcdef'), 32, OPTIONS);
    const nices = threadNices();
    // The first task is the main thread (its tid is the pid): the event loop is never lowered.
    expect(nices[0]).toBe(mainNice);
    expect(nices).toContain(Math.min(19, (mainNice ?? 0) + HASH_THREAD_NICE));
  });
});
