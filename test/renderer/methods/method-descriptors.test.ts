import { describe, expect, it } from 'vitest';
import { MethodKindSchema, type EnterCodeStep, type MethodKind } from '@resetdesk/shared';
import { createTranslator } from '../../../src-renderer/src/i18n/translator';
import { codeTextsFor, METHODS, pendingFor } from '../../../src-renderer/src/methods/registry';

const t = createTranslator('en');
const option = (kind: MethodKind) => ({ id: `${kind}-1`, kind, maskedTarget: 'j***@example.org' });
const codeStep = (kind: MethodKind): EnterCodeStep => ({
  kind: 'enterCode',
  gate: 1,
  gatesRequired: 1,
  method: option(kind),
  codeLength: 6,
  codeExpiresAt: '2026-01-01T12:00:00.000Z',
  attemptsLeft: 3,
});

describe('method descriptors', () => {
  it('has one descriptor per method kind, filed under its kind', () => {
    expect(Object.keys(METHODS).sort()).toEqual([...MethodKindSchema.options].sort());
    for (const [kind, method] of Object.entries(METHODS)) expect(method.kind).toBe(kind);
  });

  it('offers each method on the chooser with the masked target where one is registered', () => {
    expect(METHODS.email.choice(t, option('email')).label).toBe('Email my alternate email (j***@example.org)');
    expect(METHODS.sms.choice(t, option('sms')).detail).toContain('(j***@example.org)');
    expect(METHODS.totp.choice(t, option('totp')).label).toBe('Enter a code from my authenticator app');
    expect(METHODS.questions.choice(t, option('questions')).label).toBe('Answer my security questions');
  });

  it('gives each code method its own code-screen words', () => {
    expect(codeTextsFor(t, codeStep('email')).wrongLength).toBe('Enter the 6-digit code from the email.');
    expect(codeTextsFor(t, codeStep('sms')).intro).toBe(
      "We've sent a text message containing a verification code to your phone. The code was sent to j***@example.org.",
    );
    expect(codeTextsFor(t, codeStep('totp'))).toMatchObject({ heading: 'Enter the code from your authenticator app', resendHelp: null });
  });

  it('shows the number to type for approvals only', () => {
    const step = (kind: MethodKind) => ({ method: option(kind) }) as Parameters<typeof pendingFor>[0];
    expect(pendingFor(step('approval')).showsNumber).toBe(true);
    expect(pendingFor(step('voice')).showsNumber).toBe(false);
    expect(pendingFor(step('voice')).texts(t).heading).toBe("We're calling your phone");
  });
});
