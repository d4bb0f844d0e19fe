import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES, WASNT_ME_ROUTES } from '@resetdesk/shared';
import type { DemoOutboxMessage, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../support/server-fixtures';
import type { ApiResult, TestServer } from '../support/server-fixtures';

export const PUBLIC_URL = 'https://reset.contoso.example';
const LINK = /https:\/\/reset\.contoso\.example\/wasnt-me#t=([A-Za-z0-9_-]{43})&l=([a-z]{2})/u;

/** A demo server whose notices link to PUBLIC_URL, with `policy` from a policy file. */
export async function wasntMeServer(policy: object = {}, env: Record<string, string> = {}) {
  const temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  const server = await createTestServer({
    demo: true,
    env: { RESETDESK_PUBLIC_URL: PUBLIC_URL, RESETDESK_POLICY_FILE: file, ...env },
  });
  return {
    server,
    async close() {
      await server.close();
      temp.remove();
    },
  };
}

export type FlowAnswer = ApiResult<FlowResponse & { error?: { code: string } }>;

/** A whole reset by email code over HTTP; the last answer (the new password's), or the first refusal. */
export async function resetByEmail(server: TestServer, username: string, to: string, locale?: string) {
  const started: FlowAnswer = await call(server.app, 'POST', ROUTES.startFlow, {
    body: { kind: 'reset', username, ...(locale ? { locale } : {}) },
  });
  if (started.status !== 201) return started;
  const token = started.body.flowToken;
  await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  const code = await latestCodeFor(server.app, to);
  const verified: FlowAnswer = await call(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
  const answer: FlowAnswer = await call(server.app, 'POST', ROUTES.setPassword, {
    token: verified.body.flowToken,
    body: { newPassword: 'Blue-Harbor-42-Kite' },
  });
  return answer;
}

export async function outbox(server: TestServer): Promise<DemoOutboxMessage[]> {
  return (await call<{ messages: DemoOutboxMessage[] }>(server.app, 'GET', ROUTES.demoOutbox)).body.messages;
}

/** The newest notice to `to` (not a code mail) and its link's token and language. */
export async function noticeTo(server: TestServer, to: string) {
  const mail = (await outbox(server)).find((m) => m.to === to && LINK.test(m.body));
  const match = LINK.exec(mail?.body ?? '');
  if (!mail || !match?.[1] || !match[2]) throw new Error(`no notice with a link to ${to}`);
  return { mail, token: match[1], language: match[2] };
}

export function lookup(server: TestServer, token: string) {
  return call<{ kind: string; at: string; error?: { code: string } }>(server.app, 'POST', WASNT_ME_ROUTES.lookup, {
    body: { token },
  });
}

export function confirm(server: TestServer, token: string) {
  return call<{ held: boolean; action: string; restriction: string; error?: { code: string } }>(
    server.app,
    'POST',
    WASNT_ME_ROUTES.confirm,
    { body: { token } },
  );
}
