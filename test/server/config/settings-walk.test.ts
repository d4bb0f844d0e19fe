import { describe, expect, it } from 'vitest';
import { REDACTED, redactSettings, unreadableSettings } from '../../../src-server/src/config/settings-walk';

describe('printing settings', () => {
  it('keeps secret references, and replaces a plain string under a secret-sounding key', () => {
    const settings = {
      email: { auth: { user: 'rd', password: { file: '/etc/rd/smtp' } } },
      sms: { authToken: { env: 'TWILIO_TOKEN' } },
      // A setting added later that takes the value itself: never printed.
      webhook: { url: 'https://hooks.example', signingSecret: 'whsec-1234', tokens: ['t1'] },
      caFile: '/etc/rd/ca.pem',
    };
    expect(redactSettings(settings)).toEqual({
      email: { auth: { user: 'rd', password: { file: '/etc/rd/smtp' } } },
      sms: { authToken: { env: 'TWILIO_TOKEN' } },
      webhook: { url: 'https://hooks.example', signingSecret: REDACTED, tokens: [REDACTED] },
      caFile: '/etc/rd/ca.pem',
    });
  });

  it('names each secret or file that cannot be read, without a value', () => {
    const problems = unreadableSettings(
      { directory: { connection: { bindPassword: { env: 'RD_BIND' }, caFile: '/nonexistent/ca.pem' } } },
      {},
    );
    expect(problems).toEqual([
      'directory.connection.bindPassword: the environment variable RD_BIND is not set',
      'directory.connection.caFile: cannot read /nonexistent/ca.pem (ENOENT)',
    ]);
    expect(unreadableSettings({ sms: { authToken: { env: 'T' } } }, { T: 'x' })).toEqual([]);
  });
});
