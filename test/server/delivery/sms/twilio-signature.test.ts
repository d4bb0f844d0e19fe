import { describe, expect, it } from 'vitest';
import { TWILIO_STATUS_PATH } from '../../../../src-server/src/http/routes/twilio-status-routes';
import { TwilioCallbackVerifier, twilioSignature } from '../../../../src-server/src/delivery/sms/twilio-signature';
import { createTestServer } from '../../support/server-fixtures';
import { fakeTwilioSignature } from '../../support/fake-twilio';

// Twilio's own worked example of X-Twilio-Signature (its webhook security documentation).
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOC_PARAMS = {
  Digits: '1234',
  To: '+18005551212',
  From: '+12349013030',
  Caller: '+12349013030',
  CallSid: 'CA1234567890ABCDE',
};

describe('X-Twilio-Signature', () => {
  it("matches Twilio's documented example, whatever order the fields come in", () => {
    expect(twilioSignature('12345', DOC_URL, Object.entries(DOC_PARAMS))).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(fakeTwilioSignature('12345', DOC_URL, DOC_PARAMS)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('is checked against the configured URL and token only', () => {
    const verifier = new TwilioCallbackVerifier(DOC_URL, '12345');
    const fields = Object.entries(DOC_PARAMS);
    expect(verifier.verify(fields, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(true);
    expect(verifier.verify(fields, undefined)).toBe(false);
    expect(verifier.verify(fields, '0/KCTR6DLpKmkAf8muzZqo1nDgQ')).toBe(false);
    expect(verifier.verify([...fields, ['Extra', '1']], '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
    expect(new TwilioCallbackVerifier(DOC_URL, '54321').verify(fields, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
  });

  it('has no status route on a server without Twilio', async () => {
    const server = await createTestServer({ demo: false });
    try {
      const response = await server.app.inject({
        method: 'POST',
        url: TWILIO_STATUS_PATH,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'MessageStatus=failed',
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });
});
