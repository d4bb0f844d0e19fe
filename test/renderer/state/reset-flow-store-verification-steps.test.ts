import { describe, expect, it } from 'vitest';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { chooseMethodView, enterCodeView, failure, newPasswordView, success, view } from '../support/flow-fixtures';

const QUESTIONS = { id: 'questions', kind: 'questions', maskedTarget: '' } as const;
const APPROVAL = { id: 'approval', kind: 'approval', maskedTarget: "Jan's phone" } as const;

const questionsView = (ids: string[], attemptsLeft = 3) =>
  view({
    kind: 'answerQuestions',
    gate: 1,
    gatesRequired: 1,
    method: QUESTIONS,
    questions: ids.map((id) => ({ id, key: 'firstPetName' })),
    attemptsLeft,
  });
const approvalView = () =>
  view({
    kind: 'awaitApproval',
    gate: 1,
    gatesRequired: 1,
    method: APPROVAL,
    expiresAt: '2030-01-01T12:02:00.000Z',
    number: 42,
    pollAfterMs: 1000,
  });

describe('reset flow store: the other verification steps', () => {
  it('after rejected answers keeps the message and fetches the newly picked questions', async () => {
    const rejected = { code: 'ANSWERS_REJECTED', message: 'no', details: { attemptsLeft: 2 } } as const;
    const api = new FakeResetApi().answer(
      success(chooseMethodView()),
      success(questionsView(['a', 'b', 'c'])),
      failure(rejected),
      success(questionsView(['b', 'd', 'e'], 2)),
      success(newPasswordView()),
    );
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().chooseMethod('questions');
    await store.getState().answerQuestions([{ questionId: 'a', answer: 'x' }]);
    await expect.poll(() => api.calls.at(-1)?.method).toBe('getFlow');
    await expect.poll(() => store.getState().flow?.step).toMatchObject({ questions: [{ id: 'b' }, { id: 'd' }, { id: 'e' }] });
    expect(store.getState().stepError?.code).toBe('ANSWERS_REJECTED');
    expect(selectScreen(store.getState())).toBe('answerQuestions');
    await store.getState().answerQuestions([{ questionId: 'b', answer: 'y' }]);
    expect(selectScreen(store.getState())).toBe('newPassword');
    expect(store.getState().stepError).toBeNull();
  });

  it('polls quietly while an approval is pending, and moves on when it comes through', async () => {
    const api = new FakeResetApi().answer(
      success(chooseMethodView()),
      success(approvalView()),
      success(approvalView()),
      success(newPasswordView()),
    );
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().chooseMethod('approval');
    const pending = store.getState().flow;
    const busyStates: boolean[] = [];
    const unsubscribe = store.subscribe((s) => busyStates.push(s.busy));
    await store.getState().checkDecision();
    // A pending answer leaves the very same view in place (no remount, no spinner).
    expect(store.getState().flow).toBe(pending);
    expect(busyStates).not.toContain(true);
    await store.getState().checkDecision();
    unsubscribe();
    expect(selectScreen(store.getState())).toBe('newPassword');
  });

  it('shows a denied approval as its error screen', async () => {
    const api = new FakeResetApi().answer(
      success(chooseMethodView()),
      success(approvalView()),
      failure({ code: 'APPROVAL_DENIED', message: 'no' }),
    );
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().chooseMethod('approval');
    await store.getState().checkDecision();
    expect(selectScreen(store.getState())).toBe('error');
    expect(store.getState().error?.code).toBe('APPROVAL_DENIED');
  });

  it('resends a code by choosing the same method again', async () => {
    const api = new FakeResetApi().answer(success(chooseMethodView()), success(enterCodeView()), success(enterCodeView()));
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().chooseMethod('email-1');
    await store.getState().resendCode();
    expect(api.calls.filter((c) => c.method === 'chooseMethod')).toEqual([
      { method: 'chooseMethod', methodId: 'email-1' },
      { method: 'chooseMethod', methodId: 'email-1' },
    ]);
  });
});
