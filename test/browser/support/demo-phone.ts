import { DemoOutboxSchema, ROUTES } from '@resetdesk/shared';
import type { DemoOutboxMessage } from '@resetdesk/shared';

/**
 * The test plays the user's phone through the demo-only endpoints: text messages and call prompts arrive in the dev
 * outbox, and a call is answered (or hung up) through the demo phone endpoint, the demo's stand-in for a real phone.
 */
export async function outbox(serverUrl: string): Promise<DemoOutboxMessage[]> {
  const response = await fetch(`${serverUrl}${ROUTES.demoOutbox}`);
  return DemoOutboxSchema.parse(await response.json()).messages;
}

export async function latestSmsCode(serverUrl: string, phone: string): Promise<string> {
  const message = (await outbox(serverUrl)).find((m) => m.channel === 'sms' && m.to === phone);
  const code = /^(\d{6}) is your/u.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no SMS code in the dev outbox for ${phone}`);
  return code;
}

export async function latestCallId(serverUrl: string, phone: string): Promise<string> {
  const message = (await outbox(serverUrl)).find((m) => m.channel === 'voice' && m.to === phone);
  const callId = /Call id: (\S+)/u.exec(message?.body ?? '')?.[1];
  if (!callId) throw new Error(`no call in the dev outbox for ${phone}`);
  return callId;
}

export async function answerCall(serverUrl: string, callId: string, action: 'press-hash' | 'hang-up'): Promise<void> {
  const response = await fetch(`${serverUrl}${ROUTES.demoPhone}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ callId, action }),
  });
  if (response.status !== 204) throw new Error(`demo phone answered ${response.status}`);
}
