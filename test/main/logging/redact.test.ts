import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactString } from '../../../src-main/logging/redact';
import { createRedactingLogger } from '../../../src-main/logging/logger';

describe('redact', () => {
  it('removes secret values by key, deeply and case-insensitively', () => {
    const input = {
      username: 'jan@contoso.com',
      password: 'a',
      NewPassword: 'b',
      old_password: 'c',
      nested: { CODE: '123456', answer: 'blue', list: [{ flowToken: 't', Authorization: 'Bearer x' }] },
      headers: { 'x-resetdesk-flow': 'tok', Cookie: 'sid=1', 'Content-Type': 'application/json' },
      apiSecret: 's',
      credentials: { user: 'u' },
      token: 't2',
    };
    expect(redact(input)).toEqual({
      username: 'jan@contoso.com',
      password: REDACTED,
      NewPassword: REDACTED,
      old_password: REDACTED,
      nested: { CODE: REDACTED, answer: REDACTED, list: [{ flowToken: REDACTED, Authorization: REDACTED }] },
      headers: { 'x-resetdesk-flow': REDACTED, Cookie: REDACTED, 'Content-Type': 'application/json' },
      apiSecret: REDACTED,
      credentials: REDACTED,
      token: REDACTED,
    });
  });

  it('keeps harmless fields such as error codes and channels', () => {
    expect(redact({ outcome: 'CODE_INVALID', channel: 'flow:verifyCode', errorCode: 'X', status: 400 })).toEqual({
      outcome: 'CODE_INVALID',
      channel: 'flow:verifyCode',
      errorCode: 'X',
      status: 400,
    });
  });

  it('does not modify its input', () => {
    const input = { password: 'p', nested: { code: '1' } };
    redact(input);
    expect(input).toEqual({ password: 'p', nested: { code: '1' } });
  });

  it('scrubs 6-10 digit runs in strings and numbers, but not shorter or longer numbers', () => {
    expect(redactString('your code is 123456.')).toBe(`your code is ${REDACTED}.`);
    expect(redactString('code 1234567890 ok')).toContain(REDACTED);
    expect(redactString('HTTP 404 in 12345 ms')).toBe('HTTP 404 in 12345 ms');
    expect(redactString('at 1700000000000 ms')).toBe('at 1700000000000 ms');
    expect(redact({ value: 654321 })).toEqual({ value: REDACTED });
    expect(redact({ value: 42 })).toEqual({ value: 42 });
  });

  it('scrubs flow header values and secret assignments inside strings', () => {
    const line = 'headers: x-resetdesk-flow: abcdefABCDEF0123 ; body={"newPassword":"Hunter2!","username":"jan"}';
    const out = redactString(line);
    expect(out).not.toContain('abcdefABCDEF0123');
    expect(out).not.toContain('Hunter2!');
    expect(out).toContain('"username":"jan"');
    expect(redactString('GET /x?token=abc&password=def&page=2')).toBe(
      `GET /x?token=${REDACTED}&password=${REDACTED}&page=2`,
    );
    expect(redactString('Authorization: Bearer eyJhbGciOi.abc.def')).not.toContain('eyJhbGciOi');
  });

  it('reduces errors to name and scrubbed message and survives cycles', () => {
    const error = Object.assign(new Error('failed with code 123456'), { config: { data: '{"newPassword":"x"}' } });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redact({ error, cyclic })).toEqual({
      error: { name: 'Error', message: `failed with code ${REDACTED}` },
      cyclic: { name: 'loop', self: '[Circular]' },
    });
  });
});

describe('redacting logger', () => {
  it('redacts the message and the fields before the sink sees them', () => {
    const lines: unknown[][] = [];
    const sink = {
      info: (...args: unknown[]) => lines.push(['info', ...args]),
      warn: (...args: unknown[]) => lines.push(['warn', ...args]),
      error: (...args: unknown[]) => lines.push(['error', ...args]),
    };
    const logger = createRedactingLogger(sink);

    logger.info('verify 987654', { newPassword: 'P@ssw0rd!', channel: 'flow:setPassword' });
    logger.warn('plain');
    logger.error('oops', { token: 'abc' });

    expect(lines).toEqual([
      ['info', `verify ${REDACTED}`, { newPassword: REDACTED, channel: 'flow:setPassword' }],
      ['warn', 'plain'],
      ['error', 'oops', { token: REDACTED }],
    ]);
  });
});
