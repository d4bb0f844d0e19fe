import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { TWILIO_GATHER_PATH } from '../../../../src-server/src/http/routes/twilio-voice-routes';
import { fakeTwilioSignature } from '../../support/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startVoiceTestServer } from '../../support/twilio-voice-server';
import type { VoiceTestServer } from '../../support/twilio-voice-server';

// Twilio's callbacks are believed only when signed for the configured public URL, and only once: an unsigned,
// tampered, misaddressed or replayed one is refused with 403 and audited, and parallel duplicates count once.
let t: VoiceTestServer;

beforeAll(async () => {
  t = await startVoiceTestServer();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const deliverTo = () => ({ deliverTo: t.server.url });
const refusals = async () => (await t.auditRows('delivery.callback_refused')).map((row) => row.detail);
const stillWaiting = async (token: string) =>
  expect((await t.post(ROUTES.checkDecision, {}, token)).body.flow?.step.kind).toBe('awaitApproval');

describe('refused Twilio callbacks for a call', () => {
  it('refuses an unsigned, a tampered and a misaddressed gather, then takes the real #, then refuses its replay', async () => {
    const { token, call } = await t.resetByVoice('adele', 'en');
    const action = call.gatherAction ?? '';
    const refusedBefore = (await refusals()).length;

    expect((await t.twilio.answerCall(call, { ...deliverTo(), signature: null })).status).toBe(403);
    // Signed for a 1 and sent as a #: the key was changed on the way.
    const fields = { AccountSid: ACCOUNT_SID, CallSid: call.sid, Digits: '1' };
    const forOne = fakeTwilioSignature(AUTH_TOKEN, action, fields);
    expect((await t.twilio.answerCall(call, { ...deliverTo(), signature: forOne })).status).toBe(403);
    // Signed for the address the request reached (a Host of the sender's choosing), not the configured URL.
    const local = `${t.server.url}${TWILIO_GATHER_PATH}${new URL(action).search}`;
    const signedLocally = fakeTwilioSignature(AUTH_TOKEN, local, { CallSid: call.sid, Digits: '#' });
    const misaddressed = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signedLocally },
      body: new URLSearchParams({ CallSid: call.sid, Digits: '#' }).toString(),
    });
    expect(misaddressed.status).toBe(403);
    // Another call's reference in a URL signed for the first one's.
    const otherRef = action.replace(/ref=RD[0-9a-f]{32}/u, `ref=RD${'0'.repeat(32)}`);
    const swapped = await t.twilio.answerCall({ ...call, gatherAction: otherRef }, {
      ...deliverTo(),
      signature: fakeTwilioSignature(AUTH_TOKEN, action, { CallSid: call.sid, Digits: '#' }),
    });
    expect(swapped.status).toBe(403);
    await stillWaiting(token);

    const answered = await t.twilio.answerCall(call, deliverTo());
    expect(answered.status).toBe(200);
    expect((await answered.resend()).status).toBe(403);
    // A second, differently signed answer for the same call (Twilio's retry, or a forgery with a stolen token).
    expect((await t.twilio.answerCall(call, { ...deliverTo(), digits: '9' })).status).toBe(403);
    expect((await t.post(ROUTES.checkDecision, {}, token)).body.flow?.step.kind).toBe('newPassword');

    expect((await refusals()).slice(refusedBefore)).toEqual([
      'twilio unsigned',
      'twilio bad_signature',
      'twilio bad_signature',
      'twilio bad_signature',
      'twilio replayed',
      'twilio replayed',
    ]);
    const rows = await t.auditRows('delivery.callback_refused');
    expect(rows.every((row) => row.outcome === 'failure' && row.ip === '127.0.0.1')).toBe(true);
  });

  it('counts exactly one of parallel identical answers, and one of parallel different ones', async () => {
    const first = await t.resetByVoice('nina', 'nl');
    const answered = await t.twilio.answerCall(first.call, deliverTo());
    const replays = await Promise.all(Array.from({ length: 6 }, () => answered.resend()));
    expect(replays.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);

    const second = await t.resetByVoice('olaf', 'en');
    const answersBefore = (await t.auditRows('call.answered')).length;
    const keys = ['#', '#', '1', '#', '2', '#'];
    const results = await Promise.all(keys.map((digits) => t.twilio.answerCall(second.call, { ...deliverTo(), digits })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 403)).toHaveLength(5);
    expect((await t.auditRows('call.answered')).slice(answersBefore)).toHaveLength(1);
  });

  it('refuses an unsigned call status and a replayed one; the call is not refused by them', async () => {
    const { token, call } = await t.resetByVoice('adele', 'en');
    expect((await t.twilio.endCall(call, 'busy', { ...deliverTo(), signature: null })).status).toBe(403);
    await stillWaiting(token);
    const ended = await t.twilio.endCall(call, 'busy', deliverTo());
    expect(ended.status).toBe(204);
    const failedRows = (await t.auditRows('delivery.failed')).length;
    expect((await ended.resend()).status).toBe(403);
    expect(await t.auditRows('delivery.failed')).toHaveLength(failedRows);
    expect((await refusals()).slice(-2)).toEqual(['twilio unsigned', 'twilio replayed']);
  });
});
