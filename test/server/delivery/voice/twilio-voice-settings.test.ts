import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src-server/src/config/server-config';
import { TwilioVoiceChannel } from '../../../../src-server/src/delivery/voice/twilio-voice-channel';
import { TwilioVoiceSettingsSchema } from '../../../../src-server/src/delivery/voice/twilio-voice-settings';
import { callTwiml, sayLanguageOf } from '../../../../src-server/src/delivery/voice/twiml';
import { useDeliverySettingsFile } from '../../support/delivery-settings-file';

// The `voice` part of the delivery settings file (RESETDESK_DELIVERY_FILE): every bad setting is named; and the
// TwiML a call carries, escaped.
const { dir, loadWith, configErrorOf: deliveryErrorOf } = useDeliverySettingsFile();
const configErrorOf = (voice: unknown) => deliveryErrorOf({ voice });

const valid = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: { file: 'twilio-token' },
  from: '+31201234567',
  gatherUrl: 'https://reset.contoso.example/api/v1/delivery/twilio/voice',
};

describe('Twilio voice settings', () => {
  it('defaults the provider to twilio, the API and the timeout, and resolves the token file from cwd', () => {
    const voice = loadWith({ voice: valid }).delivery?.voice;
    expect(voice).toMatchObject({ provider: 'twilio', apiBaseUrl: 'https://api.twilio.com', timeoutMs: 10_000 });
    if (voice?.provider !== 'twilio') throw new Error('not read as Twilio settings');
    expect(voice.authToken).toEqual({ file: join(dir(), 'twilio-token') });
    expect(loadWith({ voice: { ...valid, provider: 'twilio' } }).delivery?.voice?.provider).toBe('twilio');
  });

  it('names each bad setting', () => {
    const { gatherUrl: _gatherUrl, ...noGather } = valid;
    expect(configErrorOf(noGather)).toMatch(/delivery\.voice\.gatherUrl/u);
    expect(configErrorOf({ ...valid, provider: 'vonage' })).toMatch(/delivery\.voice\.provider/u);
    expect(configErrorOf({ ...valid, from: '0201234567' })).toMatch(/delivery\.voice\.from: a phone number in E\.164/u);
    expect(configErrorOf({ ...valid, messagingServiceSid: `MG${'a'.repeat(32)}` })).toMatch(
      /delivery\.voice: .*messagingServiceSid/u,
    );
    expect(configErrorOf({ ...valid, gatherUrl: 'http://reset.contoso.example/g' })).toMatch(
      /delivery\.voice\.gatherUrl: must be https/u,
    );
    expect(configErrorOf({ ...valid, gatherUrl: `${valid.gatherUrl}?x=1` })).toMatch(
      /delivery\.voice\.gatherUrl: must not have a query/u,
    );
    expect(configErrorOf({ ...valid, statusCallbackUrl: 'not a url' })).toMatch(
      /delivery\.voice\.statusCallbackUrl: not a URL/u,
    );
    expect(configErrorOf({ ...valid, authToken: 'the-token-itself' })).toMatch(/delivery\.voice\.authToken/u);
  });

  it('stops the channel from being built when the token cannot be read, naming the setting', () => {
    const settings = TwilioVoiceSettingsSchema.parse({ ...valid, provider: 'twilio', authToken: { env: 'NO_SUCH_TWILIO_TOKEN' } });
    expect(() => new TwilioVoiceChannel(settings, { env: {} })).toThrow(
      new ConfigError('delivery.voice.authToken: the environment variable NO_SUCH_TWILIO_TOKEN is not set'),
    );
  });
});

describe('the TwiML of a call', () => {
  it('escapes the words and the action URL, and speaks each language with its own voice', () => {
    const twiml = callTwiml({
      prompt: 'This is <Smith & "Jones">\'s reset service.',
      noKey: 'Bye',
      language: sayLanguageOf('nl-BE'),
      gatherAction: 'https://reset.example/g?ref=RD1&lang=nl',
    });
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Gather numDigits="1" finishOnKey="" timeout="8" action="https://reset.example/g?ref=RD1&amp;lang=nl" ' +
        'method="POST"><Say language="nl-NL">This is &lt;Smith &amp; &quot;Jones&quot;&gt;&apos;s reset service.' +
        '</Say></Gather><Say language="nl-NL">Bye</Say><Hangup/></Response>',
    );
    expect(sayLanguageOf('en-GB')).toBe('en-US');
    expect(sayLanguageOf('fr')).toBe('en-US');
    expect(callTwiml({ prompt: 'Test', noKey: 'x', language: 'en-US', gatherAction: null })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">Test</Say><Hangup/></Response>',
    );
  });
});
