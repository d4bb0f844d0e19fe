import { beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer, latestCodeFor } from '../../support/server-fixtures';
import { demoUser, unlockChangeCalls } from '../../support/unlock-change-calls';

// The account notices (engine/account-notices.ts) of unlock and change, in the flow's language, over HTTP against the built-in directory of the demo tenant.

const flows = unlockChangeCalls();
const { change } = flows;

describe('account notices in the flow\'s language', () => {
  beforeEach(async () => {
    flows.server = await createTestServer({ demo: true });
  });

  function startIn(kind: 'unlock' | 'change', username: string, locale: string) {
    return call<FlowResponse & ErrorResponse>(flows.server.app, 'POST', ROUTES.startFlow, { body: { kind, username, locale } });
  }

  it('tells Grace in Dutch that her password was changed when her flow is Dutch (nl)', async () => {
    const grace = demoUser('grace');
    const token = (await startIn('change', 'grace', 'nl')).body.flowToken;
    expect((await change(token, grace.password, 'Velvet-Harbor-88!')).status).toBe(200);
    const mail = (await flows.server.runtime.outbox.list()).find((m) => m.to === grace.email);
    expect(mail?.subject).toMatch(/: uw wachtwoord is gewijzigd$/u);
    expect(mail?.body).toMatch(/^Hallo .+,\n\nUw wachtwoord is gewijzigd op \S+\.\nWas u dit niet\? /u);
  });

  it('tells Frank in Dutch that his account was unlocked when his flow is nl-NL, and in English for en-GB', async () => {
    const frank = demoUser('frank');
    const token = (await startIn('unlock', 'frank', 'nl-NL')).body.flowToken;
    await call(flows.server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(flows.server.app, frank.email ?? '');
    expect((await call(flows.server.app, 'POST', ROUTES.verifyCode, { token, body: { code } })).status).toBe(200);
    const dutch = (await flows.server.runtime.outbox.list()).find((m) => m.to === frank.email && /ontgrendeld/u.test(m.subject));
    expect(dutch?.body).toContain('Uw account is ontgrendeld op ');
    expect(dutch?.body).toContain('Uw wachtwoord is niet gewijzigd.');

    const grace = demoUser('grace');
    const english = (await startIn('change', 'grace', 'en-GB')).body.flowToken;
    expect((await change(english, grace.password, 'Velvet-Harbor-88!')).status).toBe(200);
    const mail = (await flows.server.runtime.outbox.list()).find((m) => m.to === grace.email);
    expect(mail?.subject).toMatch(/: your password was changed$/u);
    expect(mail?.body).toMatch(/^Hello .+,\n\nYour password was changed on \S+\.\nIf this wasn't you, contact your administrator/u);
  });
});
