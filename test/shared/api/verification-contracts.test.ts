import { describe, expect, it } from 'vitest';
import {
  AnswerQuestionsRequestSchema,
  ApproverDecisionRequestSchema,
  DemoPhoneRequestSchema,
  FlowStepSchema,
  OPERATIONS,
  ROUTES,
} from '@resetdesk/shared';

const method = { id: 'approval', kind: 'approval', maskedTarget: "Jan's phone" };

describe('verification step contracts', () => {
  it('accepts the questions and approval steps, and refuses what a server must never send', () => {
    const questions = {
      kind: 'answerQuestions',
      gate: 1,
      gatesRequired: 2,
      method: { id: 'questions', kind: 'questions', maskedTarget: '' },
      questions: [{ id: 'q1', key: 'firstPetName' }, { id: 'q2', text: 'My own question?' }],
      attemptsLeft: 3,
    };
    expect(FlowStepSchema.safeParse(questions).success).toBe(true);
    // The answers never travel back to the client.
    expect(FlowStepSchema.safeParse({ ...questions, questions: [{ id: 'q1', answer: 'x' }] }).success).toBe(false);
    const approval = {
      kind: 'awaitApproval',
      gate: 1,
      gatesRequired: 1,
      method,
      expiresAt: '2030-01-01T12:02:00.000Z',
      number: 42,
      pollAfterMs: 1000,
    };
    expect(FlowStepSchema.safeParse(approval).success).toBe(true);
    expect(FlowStepSchema.safeParse({ ...approval, number: 7 }).success).toBe(false);
    expect(FlowStepSchema.safeParse({ ...approval, pollAfterMs: 10 }).success).toBe(false);
  });

  it('bounds answers, approver decisions and demo phone calls', () => {
    expect(AnswerQuestionsRequestSchema.safeParse({ answers: [] }).success).toBe(false);
    expect(
      AnswerQuestionsRequestSchema.safeParse({ answers: [{ questionId: 'q', answer: 'x'.repeat(201) }] }).success,
    ).toBe(false);
    expect(ApproverDecisionRequestSchema.safeParse({ requestId: 'r', decision: 'approve', number: 42 }).success).toBe(true);
    expect(ApproverDecisionRequestSchema.safeParse({ requestId: 'r', decision: 'approve' }).success).toBe(false);
    expect(DemoPhoneRequestSchema.safeParse({ callId: 'short', action: 'press-hash' }).success).toBe(false);
  });

  it('has flow operations for answers, polling a call or approval and the current step', () => {
    expect(OPERATIONS.answerQuestions.relay).toBe('flow');
    expect(OPERATIONS.checkDecision.relay).toBe('flow');
    expect(OPERATIONS.getFlow.http).toMatchObject({ method: 'GET', path: ROUTES.getFlow });
  });
});
