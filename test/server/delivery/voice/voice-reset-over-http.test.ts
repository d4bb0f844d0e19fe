import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { messagesFor } from '../../../../src-server/src/messages/catalogue';
import { CALLER_ID, PHONES, PUBLIC, startVoiceTestServer } from '../../support/twilio-voice-server';
import type { VoiceTestServer } from '../../support/twilio-voice-server';

// A real (non-demo) reset server places the call through the fake of Twilio's Calls API in the flow's language; the
// "person" presses # and Twilio posts it, signed, to the server's gather route: the flow goes on to a new password.
let t: VoiceTestServer;

beforeAll(async () => {
  t = await startVoiceTestServer();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const deliverTo = () => ({ deliverTo: t.server.url });

describe('a reset by voice call through Twilio (non-demo server)', () => {
  it('calls Adele in English, takes her # and lets her set a new password', async () => {
    const { token, call } = await t.resetByVoice('adele', 'en-US');
    expect(call).toMatchObject({ to: PHONES.adele, from: CALLER_ID, timeout: '35' });
    expect(call.says).toEqual([
      { language: 'en-US', text: messagesFor('en').voiceCall.prompt('Contoso') },
      { language: 'en-US', text: messagesFor('en').voiceCall.noKey },
    ]);
    expect(call.twiml).toContain('<Gather numDigits="1" finishOnKey="" timeout="8" action="');
    expect(call.twiml).toContain('&amp;lang=en" method="POST">');
    expect(call.gatherAction).toMatch(new RegExp(`^${PUBLIC.gather}\\?ref=RD[0-9a-f]{32}&lang=en$`, 'u'));
    expect(call.statusCallback).toBe(call.gatherAction?.replace(PUBLIC.gather, PUBLIC.callStatus));

    // Not yet answered: the wizard keeps waiting.
    expect((await t.post(ROUTES.checkDecision, {}, token)).body.flow?.step.kind).toBe('awaitApproval');
    const answered = await t.twilio.answerCall(call, deliverTo());
    expect(answered.status).toBe(200);
    expect(answered.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        `<Say language="en-US">${messagesFor('en').voiceCall.confirmed}</Say><Hangup/></Response>`,
    );
    const next = await t.post(ROUTES.checkDecision, {}, token);
    expect(next.body.flow?.step.kind).toBe('newPassword');
    const done = await t.post(ROUTES.setPassword, { newPassword: 'Harbor-Violet-Canyon-93!' }, next.body.flowToken);
    expect(done.body.flow?.step.kind).toBe('done');
    expect(await t.auditRows('call.answered')).toEqual([{ detail: 'twilio press-hash', outcome: 'success', ip: '127.0.0.1' }]);
  });

  it('calls Nina in Dutch: <Say language="nl-NL"> with the Dutch prompt, and a Dutch goodbye', async () => {
    const { token, call } = await t.resetByVoice('nina', 'nl-NL');
    const words = messagesFor('nl').voiceCall;
    expect(call.twiml).toContain(`<Say language="nl-NL">${words.prompt('Contoso')}</Say></Gather>`);
    expect(call.gatherAction).toMatch(/&lang=nl$/u);
    const answered = await t.twilio.answerCall(call, deliverTo());
    expect(answered.body).toContain(`<Say language="nl-NL">${words.confirmed}</Say>`);
    expect((await t.post(ROUTES.checkDecision, {}, token)).body.flow?.step.kind).toBe('newPassword');
  });

  it('refuses the call when Olaf presses another key, in his words', async () => {
    const { token, call } = await t.resetByVoice('olaf', 'en');
    const answered = await t.twilio.answerCall(call, { ...deliverTo(), digits: '1' });
    expect(answered.body).toContain(messagesFor('en').voiceCall.nothingChanged);
    const refused = await t.post(ROUTES.checkDecision, {}, token);
    expect(refused.body.error?.code).toBe('CALL_NOT_ANSWERED');
  });

  it('refuses the call when Twilio reports no answer, and audits it as delivery.failed', async () => {
    const { token, call } = await t.resetByVoice('olaf', 'en');
    expect((await t.twilio.endCall(call, 'no-answer', deliverTo())).status).toBe(204);
    expect((await t.post(ROUTES.checkDecision, {}, token)).body.error?.code).toBe('CALL_NOT_ANSWERED');
    expect((await t.auditRows('delivery.failed')).map((row) => row.detail)).toEqual(['voice twilio no-answer']);
    // The completed status after a # changes nothing (the answer was taken) and is no failure.
    const second = await t.resetByVoice('adele', 'en');
    await t.twilio.answerCall(second.call, deliverTo());
    expect((await t.twilio.endCall(second.call, 'completed', deliverTo())).status).toBe(204);
    expect((await t.post(ROUTES.checkDecision, {}, second.token)).body.flow?.step.kind).toBe('newPassword');
    expect(await t.auditRows('delivery.failed')).toHaveLength(1);
  });

  it('never lets a call id reach Twilio, a URL or a log line', async () => {
    expect(t.callIds.length).toBeGreaterThanOrEqual(5);
    const seen = [
      ...t.twilio.requests().map((request) => `${request.url}\n${request.body}`),
      ...t.twilio.calls().map((call) => `${call.gatherAction} ${call.statusCallback}`),
      ...t.logLines,
    ].join('\n');
    expect(t.logLines.length).toBeGreaterThan(10);
    for (const callId of t.callIds) {
      expect(callId).toMatch(/^[\w-]{24}$/u);
      expect(seen).not.toContain(callId);
      expect(seen).not.toContain(encodeURIComponent(callId));
    }
    const { db } = t.server.runtime.store;
    expect(await db.selectFrom('delivery_queue').where('call_id', 'is not', null).selectAll().execute()).toEqual([]);
  });
});
