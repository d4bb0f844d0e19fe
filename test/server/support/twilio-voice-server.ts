import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../../src-server/src/delivery/delivery';
import { TwilioVoiceChannel } from '../../../src-server/src/delivery/voice/twilio-voice-channel';
import { TWILIO_STATUS_PATH } from '../../../src-server/src/http/routes/twilio-status-routes';
import { TWILIO_CALL_STATUS_PATH, TWILIO_GATHER_PATH } from '../../../src-server/src/http/routes/twilio-voice-routes';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { startFakeTwilio } from './fake-twilio';
import type { FakeTwilio, FakeTwilioCall } from './fake-twilio';
import { startNonDemoServer } from './non-demo-server';
import { makeTempDir } from './server-fixtures';

export const ACCOUNT_SID = `AC${'0a1b2c3d4e5f6789'.repeat(2)}`;
export const AUTH_TOKEN = 'a-twilio-auth-token-for-the-voice-test';
export const CALLER_ID = '+31201234567';
// The public URLs Twilio is given (a reverse proxy in front of the server); the signatures cover these.
const PUBLIC_BASE = 'https://reset.contoso.example';
export const PUBLIC = {
  gather: `${PUBLIC_BASE}${TWILIO_GATHER_PATH}`,
  callStatus: `${PUBLIC_BASE}${TWILIO_CALL_STATUS_PATH}`,
  smsStatus: `${PUBLIC_BASE}${TWILIO_STATUS_PATH}`,
};
export const PHONES = { nina: '+31612345678', adele: '+14255550123', olaf: '+4930123456' };

export interface VoiceTestServer {
  server: RunningServer;
  twilio: FakeTwilio;
  // Every call id the voice channel was given (to prove none of them ever left the server).
  callIds: string[];
  logLines: string[];
  post(path: string, body: unknown, token?: string): Promise<{ status: number; body: FlowBody }>;
  // Starts a reset in `locale`, picks the voice call and gives the flow's token and the call Twilio was asked for.
  resetByVoice(username: keyof typeof PHONES, locale: string): Promise<{ token: string; call: FakeTwilioCall }>;
  auditRows(event: string): Promise<{ detail: string | null; outcome: string; ip: string | null }[]>;
  close(): Promise<void>;
}

export type FlowBody = { flowToken?: string; flow?: { step: { kind: string } }; error?: { code: string } };

/**
 * A real (non-demo) reset server over a real socket with Twilio configured for SMS and voice against the fake of
 * Twilio, and three built-in users with phones. Its HTTP log is kept (at trace level) for the "no call id" checks.
 */
export async function startVoiceTestServer(): Promise<VoiceTestServer> {
  const temp = makeTempDir();
  const twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const callIds: string[] = [];
  const send = TwilioVoiceChannel.prototype.send;
  vi.spyOn(TwilioVoiceChannel.prototype, 'send').mockImplementation(function (this: TwilioVoiceChannel, m) {
    if ((m as OutgoingMessage).callId) callIds.push((m as OutgoingMessage).callId ?? '');
    return send.call(this, m);
  });
  writeFileSync(join(temp.dir, 'twilio-token'), `${AUTH_TOKEN}\n`, { mode: 0o600 });
  const twilioAccount = { accountSid: ACCOUNT_SID, authToken: { file: 'twilio-token' }, apiBaseUrl: twilio.url };
  const delivery = {
    sms: { provider: 'twilio', ...twilioAccount, from: CALLER_ID, statusCallbackUrl: PUBLIC.smsStatus },
    voice: { ...twilioAccount, from: CALLER_ID, gatherUrl: PUBLIC.gather, statusCallbackUrl: PUBLIC.callStatus },
  };
  const logLines: string[] = [];
  const server = await startNonDemoServer({
    dir: temp.dir,
    delivery,
    policy: { methods: ['voice'], captcha: { mode: 'off' } },
    users: Object.entries(PHONES).map(([username, phone]) => ({ username, displayName: username, phone })),
    log: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } },
  });
  const { db } = server.runtime.store;

  async function post(path: string, body: unknown, token?: string) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as FlowBody };
  }

  return {
    server,
    twilio,
    callIds,
    logLines,
    post,
    async resetByVoice(username, locale) {
      const before = twilio.calls().length;
      const started = await post(ROUTES.startFlow, { kind: 'reset', username, locale });
      const chosen = await post(ROUTES.chooseMethod, { methodId: 'voice' }, started.body.flowToken);
      if (chosen.body.flow?.step.kind !== 'awaitApproval') throw new Error(JSON.stringify(chosen.body));
      const [call] = (await twilio.waitForCalls(before + 1)).slice(before);
      if (!call || !chosen.body.flowToken) throw new Error('no call');
      return { token: chosen.body.flowToken, call };
    },
    auditRows: (event) =>
      db.selectFrom('audit_log').select(['detail', 'outcome', 'ip']).where('event', '=', event).orderBy('id').execute(),
    async close() {
      vi.restoreAllMocks();
      await server.close();
      await twilio.close();
      temp.remove();
    },
  };
}
