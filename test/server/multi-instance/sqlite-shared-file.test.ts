import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_VERDICTS_PER_MINUTE, ROUTES } from '@resetdesk/shared';
import { KeyMismatchError } from '../../../src-server/src/secrets/key-fingerprints';
import { makeTempDir } from '../support/server-fixtures';
import { latestCode, startInstance } from './instances';
import type { HttpAnswer, Instance, SharedSetup } from './instances';

// Issue 15 on SQLite alone: several processes may open one SQLite file (two instances on one data folder, no Redis).
// The throttles' count-and-record is one INSERT ... SELECT there, which takes the file's write lock before it counts;
// the keys must be the same for every process on the file, as on PostgreSQL.

let temp: ReturnType<typeof makeTempDir>;
let setup: SharedSetup;
const running: Instance[] = [];

beforeAll(() => {
  temp = makeTempDir('resetdesk-sqlite-shared-');
  setup = { root: temp.dir, policy: { throttle: { methodTries: { max: 3, windowMinutes: 60 } } } };
});

afterAll(async () => {
  await Promise.all(running.map((instance) => instance.close()));
  temp?.remove();
});

// Both name the data folder 'shared': one SQLite file.
const open = async (keysDir?: string) => {
  const instance = await startInstance({ ...setup, ...(keysDir ? { keysDir } : {}) }, 'shared');
  running.push(instance);
  return instance;
};
const ok = (answers: HttpAnswer[]) => answers.filter((answer) => answer.status === 200);
const codesOf = (answers: HttpAnswer[]) => answers.filter((x) => x.status !== 200).map((x) => x.body.error.code);

describe('several processes on one SQLite file', () => {
  it('refuses to start one whose keys differ from the file\'s, then counts the limits over both exactly', async () => {
    const a = await open();
    const otherKeys = join(temp.dir, 'other-keys');
    const refused = await startInstance({ ...setup, keysDir: otherKeys }, 'shared').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeyMismatchError);
    expect((refused as Error).message).toContain(otherKeys);
    expect((refused as Error).message).toMatch(/codeHmacKey, decoyKey, deviceKey/u);
    const b = await open();
    const either = (i: number) => (i % 2 === 0 ? a : b);

    // Method tries: an account's flows chosen in parallel on both: exactly the limit sends a code.
    const tokens: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      tokens.push((await either(i).call('POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } })).body
        .flowToken);
    }
    const sends = await Promise.all(
      tokens.map((token, i) => either(i + 1).call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } })),
    );
    expect(ok(sends)).toHaveLength(3);
    expect(codesOf(sends)).toEqual(Array.from({ length: 5 }, () => 'RATE_LIMITED'));

    // Password verdicts of one flow, in parallel on both, then on a restarted process.
    let token = (await a.call('POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'diego' } })).body.flowToken;
    expect((await b.call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } })).status).toBe(200);
    const code = await latestCode(a, 'diego@contoso.example');
    token = (await b.call('POST', ROUTES.verifyCode, { token, body: { code } })).body.flowToken;
    const verdict = (on: Instance, i: number) =>
      on.call('POST', ROUTES.checkPassword, { token, body: { newPassword: `Kite-Harbor-${i}x` } });
    const answers = await Promise.all(
      Array.from({ length: PASSWORD_VERDICTS_PER_MINUTE + 10 }, (_, i) => verdict(either(i), i)),
    );
    expect(ok(answers)).toHaveLength(PASSWORD_VERDICTS_PER_MINUTE);
    expect(codesOf(answers)).toEqual(Array.from({ length: 10 }, () => 'RATE_LIMITED'));
    await a.close();
    running.splice(running.indexOf(a), 1);
    const restarted = await open();
    expect((await verdict(restarted, 99)).body.error.code).toBe('RATE_LIMITED');
  }, 90_000);
});
