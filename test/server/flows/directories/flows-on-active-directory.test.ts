import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { useSambaAd } from '../../directory/active-directory/ad-fixture';
import { changePassword, passEmailCode, resetPassword, startDirectoryServer, startFlowOf } from '../../support/directory-flows';
import type { DirectoryServer } from '../../support/directory-flows';
import { call } from '../../support/server-fixtures';

// The same flows as on the built-in directory, over HTTP, on a real Samba domain controller over LDAPS: reset,
// unlock, change, the domain's own refusals, a protected account, and an unknown name that looks like a known one.

const fx = useSambaAd();
let dir: DirectoryServer;
const NEW_PASSWORD = 'Blue-Harbor-42-Kite';

const person = async (sam: string) => {
  const created = await fx.ad.addUser(sam, { extra: { mail: `${sam}@mail.example.test` } });
  return { ...created, email: `${sam}@mail.example.test` };
};

beforeAll(async () => {
  dir = await startDirectoryServer(fx.settings('ldaps'), fx.ad.service.password);
}, 60_000);

afterAll(async () => {
  await dir?.close();
});

describe('reset, unlock and change on Active Directory', () => {
  it('resets a password with an email code sent to the mail attribute; the new one signs in, the old one not', async () => {
    const user = await person('flowreset');
    const done = await resetPassword(dir, `EXAMPLE\\${user.sam}`, user.email, NEW_PASSWORD);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(await dir.server.runtime.directory.verifyPassword(user.sam, NEW_PASSWORD)).toBe('ok');
    expect(await dir.server.runtime.directory.verifyPassword(user.sam, user.password)).toBe('invalid');
  });

  it('unlocks a locked account after an email code and leaves its password as it was', async () => {
    const user = await person('flowunlock');
    await fx.ad.lockByFailedBinds(user);
    const found = await dir.server.runtime.directory.findUser(user.sam);
    expect(found?.locked).toBe(true);
    const done = await passEmailCode(dir, 'unlock', user.sam, user.email);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'accountUnlocked' });
    expect((await dir.server.runtime.directory.lockState(found?.id ?? '')).locked).toBe(false);
    expect(await dir.server.runtime.directory.verifyPassword(user.sam, user.password)).toBe('ok');
  });

  it('changes a password with the old one; a wrong old one and a recent one are refused by name', async () => {
    const user = await person('flowchange');
    const wrong = await changePassword(dir, user.sam, 'Not-His-Passw0rd-9', NEW_PASSWORD);
    expect(wrong.body.error.code).toBe('CREDENTIALS_INVALID');
    const done = await changePassword(dir, user.sam, user.password, NEW_PASSWORD);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordChanged' });
    const second = 'Green-Meadow-73-Oak';
    expect((await changePassword(dir, user.sam, NEW_PASSWORD, second)).status).toBe(200);
    // Back to the one before: the domain's history refuses it (0000052D), and the person is told so.
    const back = await changePassword(dir, user.sam, second, NEW_PASSWORD);
    expect(back.status).toBe(422);
    expect(back.body.error).toMatchObject({ code: 'PASSWORD_REJECTED', details: { reasons: ['DIRECTORY_POLICY'] } });
    expect(await dir.server.runtime.directory.verifyPassword(user.sam, second)).toBe('ok');
  });

  it('refuses a Domain Admins member as Entra writeback does: contact your administrator', async () => {
    const started = await startFlowOf(dir, 'reset', fx.ad.users.adam.sam);
    expect(started.body.error.code).toBe('CONTACT_ADMIN');
  });

  it('answers an unknown name and a foreign domain as it answers a known one', async () => {
    const user = await person('flowknown');
    const known = await startFlowOf(dir, 'reset', user.sam);
    const shape = (body: FlowResponse) => ({
      keys: Object.keys(body),
      step: body.flow.step.kind,
      methods: body.flow.step.kind === 'chooseMethod' ? body.flow.step.methods.map((m) => m.kind) : [],
    });
    for (const typed of ['nobody-here', `OTHERDOM\\${user.sam}`]) {
      const unknown = await startFlowOf(dir, 'reset', typed);
      expect(unknown.status).toBe(known.status);
      expect(shape(unknown.body)).toEqual(shape(known.body));
      await call(dir.server.app, 'DELETE', ROUTES.cancelFlow, { token: unknown.body.flowToken });
    }
    await call(dir.server.app, 'DELETE', ROUTES.cancelFlow, { token: known.body.flowToken });
  });
});
