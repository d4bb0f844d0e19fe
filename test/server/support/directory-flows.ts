import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { RecordingChannel } from './recording-channel';
import { call, createTestServer, makeTempDir } from './server-fixtures';
import type { ApiResult, TestServer } from './server-fixtures';

type FlowAnswer = ApiResult<FlowResponse & ErrorResponse>;

/** A non-demo reset server in process on a real LDAP or AD directory; codes go to a recording channel. */
export interface DirectoryServer {
  server: TestServer;
  channel: RecordingChannel;
  close(): Promise<void>;
}

/**
 * Starts the server on `settings` (a directory file as IT writes it) with the service account's password in a file
 * beside it, as production reads it.
 */
export async function startDirectoryServer(
  settings: object,
  bindPassword: string,
  policy?: object,
): Promise<DirectoryServer> {
  const temp = makeTempDir('resetdesk-directory-');
  const secretFile = join(temp.dir, 'bind-password');
  writeFileSync(secretFile, `${bindPassword}\n`, { mode: 0o600 });
  const withSecret = settings as { connection: Record<string, unknown> };
  const file = join(temp.dir, 'directory.json');
  writeFileSync(file, JSON.stringify({ ...withSecret, connection: { ...withSecret.connection, bindPassword: { file: secretFile } } }));
  const env: Record<string, string> = { RESETDESK_DIRECTORY_FILE: file };
  if (policy) {
    env.RESETDESK_POLICY_FILE = join(temp.dir, 'policy.json');
    writeFileSync(env.RESETDESK_POLICY_FILE, JSON.stringify(policy));
  }
  const channel = new RecordingChannel();
  const server = await createTestServer({ demo: false, channel, env });
  return {
    server,
    channel,
    async close() {
      await server.close();
      temp.remove();
    },
  };
}

export function startFlowOf(dir: DirectoryServer, kind: 'reset' | 'unlock' | 'change', username: string): Promise<FlowAnswer> {
  return call(dir.server.app, 'POST', ROUTES.startFlow, { body: { kind, username } });
}

/** Starts a reset or unlock and passes its email code; returns the answer to the code (the token rotates there). */
export async function passEmailCode(
  dir: DirectoryServer,
  kind: 'reset' | 'unlock',
  username: string,
  email: string,
): Promise<FlowAnswer> {
  const started = await startFlowOf(dir, kind, username);
  if (started.status !== 201) return started;
  const token = started.body.flowToken;
  const before = dir.channel.sent.length;
  await call(dir.server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  const code = await codeSentTo(dir.channel, email, before);
  return call(dir.server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
}

/** The code in the first message to `to` after `index`: the queue sends it just after the request returns. */
export async function codeSentTo(channel: RecordingChannel, to: string, index: number): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const message = channel.sent.slice(index).find((sent) => sent.to === to);
    const code = /\b(\d{6,10})\b/u.exec(message?.body ?? '')?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no code was sent to ${to}`);
}

export async function resetPassword(
  dir: DirectoryServer,
  username: string,
  email: string,
  newPassword: string,
): Promise<FlowAnswer> {
  const verified = await passEmailCode(dir, 'reset', username, email);
  if (verified.status !== 200) return verified;
  return call(dir.server.app, 'POST', ROUTES.setPassword, {
    token: verified.body.flowToken,
    body: { newPassword },
  });
}

export async function changePassword(
  dir: DirectoryServer,
  username: string,
  oldPassword: string,
  newPassword: string,
): Promise<FlowAnswer> {
  const started = await startFlowOf(dir, 'change', username);
  return call(dir.server.app, 'POST', ROUTES.changePassword, {
    token: started.body.flowToken,
    body: { oldPassword, newPassword },
  });
}
