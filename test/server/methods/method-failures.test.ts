import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailedCheck } from '../../../src-server/src/methods/verification-method';
import { createTestServer } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Each method words its own failures (failureOf); the flow only asks. This is the table the flow used to hold
// (flows/method-failure.ts): the codes, messages and details the wizard and the tests rely on.

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({ demo: false });
});

afterAll(async () => {
  await server.close();
});

const CHECKS: readonly Exclude<FailedCheck, { result: 'unusable' }>[] = [
  { result: 'invalid', attemptsLeft: 2 },
  { result: 'attempts_exceeded' },
  { result: 'denied' },
  { result: 'expired' },
];

const code = {
  invalid: { code: 'CODE_INVALID', message: 'The code is not correct.', details: { attemptsLeft: 2 } },
  attempts_exceeded: {
    code: 'CODE_ATTEMPTS_EXCEEDED',
    message: 'Too many wrong answers: this method is locked.',
    details: { attemptsLeft: 0 },
  },
  denied: { code: 'APPROVAL_DENIED', message: 'The request was denied in the authenticator app.' },
  expired: { code: 'CODE_EXPIRED', message: 'The code has expired: ask for a new one.' },
};

const EXPECTED = {
  email: code,
  sms: code,
  totp: code,
  questions: {
    ...code,
    invalid: { code: 'ANSWERS_REJECTED', message: 'The answers were not accepted.', details: { attemptsLeft: 2 } },
  },
  voice: {
    ...code,
    denied: { code: 'CALL_NOT_ANSWERED', message: 'The call ended without approval.' },
    expired: { code: 'CALL_NOT_ANSWERED', message: 'The call was not answered in time.' },
  },
  approval: {
    ...code,
    expired: { code: 'APPROVAL_EXPIRED', message: 'The request was not approved in time.' },
  },
  // Its own refusals carry a reason (test/server/methods/passkey-method.test.ts); without one, a code's words.
  passkey: code,
  tap: {
    ...code,
    invalid: { code: 'CODE_INVALID', message: 'The pass is not correct.', details: { attemptsLeft: 2 } },
  },
} as const;

describe('failureOf: what a failed check tells the person, per method', () => {
  it('words every failed check of every method as the flow always did', () => {
    for (const method of server.runtime.methods.all) {
      for (const check of CHECKS) {
        expect(method.failureOf(check), `${method.kind} ${check.result}`).toStrictEqual(
          EXPECTED[method.kind][check.result],
        );
      }
    }
    expect(server.runtime.methods.all.map((m) => m.kind)).toEqual([
      'email',
      'sms',
      'voice',
      'questions',
      'totp',
      'approval',
      'passkey',
      'tap',
    ]);
  });

  it('words a right Temporary Access Pass past its use by why: expired, used or revoked', () => {
    const { tap } = server.runtime.methods;
    expect(tap.failureOf({ result: 'unusable', reason: 'expired' }).code).toBe('TAP_EXPIRED');
    expect(tap.failureOf({ result: 'unusable', reason: 'used' }).code).toBe('TAP_USED');
    expect(tap.failureOf({ result: 'unusable', reason: 'revoked' }).code).toBe('TAP_REVOKED');
  });
});
