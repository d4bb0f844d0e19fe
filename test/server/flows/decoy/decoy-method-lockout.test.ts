import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer, decoyNameWith, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Issue 9 item 6: the method lockout after a flow used up a method's attempts is keyed by the flow's throttle account
// key (the user's id, or for an unknown name a keyed HMAC of the normalised name), so a decoy carries it too.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ captcha: { mode: 'off' }, maxCodeAttempts: 3 }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
});

afterEach(async () => {
  await server.close();
  temp.remove();
});

type Answer = FlowResponse & ErrorResponse;

async function useUpEmailCodes(username: string): Promise<string[]> {
  const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  const token = started.body.flowToken;
  await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  const codes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const wrong = await call<Answer>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code: '00000000' } });
    codes.push(wrong.body.error.code);
  }
  return codes;
}

async function nextFlowChoosesEmail(username: string) {
  const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  const chosen = await call<Answer>(server.app, 'POST', ROUTES.chooseMethod, {
    token: started.body.flowToken,
    body: { methodId: 'email' },
  });
  return { status: chosen.status, error: chosen.body.error };
}

describe('method lockout for unknown names', () => {
  it('keys an unknown name by its canonical form, as a real account is keyed by its id however it is typed', async () => {
    // A lockout earned as CONTOSO\\x holds for x and x@contoso.example alike, for real and unknown names the same.
    // (Decoys draw their methods from the tenant's accounts, keyed per server: take an unknown name offered email.)
    const ghost = await decoyNameWith(server, 'email', 'ghost.user');
    const answers: Record<string, unknown> = {};
    for (const name of ['adele', ghost]) {
      expect(await useUpEmailCodes(`CONTOSO\\${name}`)).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_ATTEMPTS_EXCEEDED']);
      answers[name] = [await nextFlowChoosesEmail(name), await nextFlowChoosesEmail(`${name}@contoso.example`)];
    }
    expect(answers['adele']).toMatchObject([{ status: 429 }, { status: 429 }]);
    expect(answers[ghost]).toEqual(answers['adele']);
  });

  it('locks the email method of an unknown name exactly as that of a real user, on the next flow', async () => {
    const ghost = await decoyNameWith(server, 'email', 'ghost.user');
    const answers: Record<string, unknown> = {};
    for (const username of ['adele', ghost]) {
      expect(await useUpEmailCodes(username)).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_ATTEMPTS_EXCEEDED']);
      answers[username] = await nextFlowChoosesEmail(username);
    }
    expect(answers['adele']).toMatchObject({ status: 429, error: { code: 'CODE_ATTEMPTS_EXCEEDED' } });
    expect(answers[ghost]).toEqual(answers['adele']);
    // The same normalised name is the same lockout; another unknown name is not locked.
    expect(await nextFlowChoosesEmail(`  ${ghost.toUpperCase()} `)).toEqual(answers['adele']);
    expect((await nextFlowChoosesEmail(await decoyNameWith(server, 'email', 'ghost.other'))).status).toBe(200);
  });
});
