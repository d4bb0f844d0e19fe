import { useMemo, useRef, useState, type FormEvent } from 'react';
import { evaluatePassword } from '@resetdesk/shared';
import type { NewPasswordStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PasswordHints } from '../components/PasswordHints';
import { PasswordInputField } from '../components/PasswordInputField';
import { PasswordRejection } from '../components/PasswordRejection';
import { ScreenFrame } from '../components/ScreenFrame';
import { ServerVerdict } from '../components/ServerVerdict';
import { StrengthMeter } from '../components/StrengthMeter';
import { useServerVerdict } from '../state/use-server-verdict';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

const HINTS_ID = 'new-password-hints';
const VERDICT_ID = 'new-password-verdict';

type ClientProblem = 'notValid' | 'confirmRequired' | 'mismatch';

/** The problem found at the last submit, while it still holds for what is typed now. */
function currentProblem(found: ClientProblem | null, valid: boolean, password: string, confirm: string): ClientProblem | null {
  if (found === 'notValid') return valid ? null : 'notValid';
  if (found === null) return null;
  if (confirm === '') return 'confirmRequired';
  return confirm !== password ? 'mismatch' : null;
}

export function NewPasswordScreen({ step }: { step: NewPasswordStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const setPassword = useResetFlow((s) => s.setPassword);
  const newPasswordEdited = useResetFlow((s) => s.newPasswordEdited);
  const stepError = useResetFlow((s) => s.stepError);
  const [password, setPasswordValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<ClientProblem | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const evaluation = useMemo(
    () => evaluatePassword(password, step.policy, step.userNames),
    [password, step.policy, step.userNames],
  );
  // Once the shared rules pass, the server says whether the banned and breached lists agree (as the person types).
  const verdict = useServerVerdict(password, evaluation.ok);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!evaluation.ok) {
      setProblem('notValid');
      passwordRef.current?.focus();
    } else if (confirm === '') {
      setProblem('confirmRequired');
      confirmRef.current?.focus();
    } else if (confirm !== password) {
      setProblem('mismatch');
      confirmRef.current?.focus();
    } else {
      setProblem(null);
      void setPassword(password);
    }
  }

  function editPassword(value: string) {
    setPasswordValue(value);
    newPasswordEdited();
  }

  // Shown after a submit, then re-evaluated as the person types: a message disappears once it no longer applies.
  const current = currentProblem(problem, evaluation.ok, password, confirm);
  const passwordMessage =
    current === 'notValid' ? (
      t.m.newPassword.notValid
    ) : stepError?.code === 'PASSWORD_REJECTED' ? (
      <PasswordRejection error={stepError} />
    ) : undefined;
  const confirmMessage =
    current === 'confirmRequired' || current === 'mismatch' ? t.m.newPassword[current] : undefined;

  return (
    <ScreenFrame screen="newPassword" heading={t.m.newPassword.heading} step={3}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <PasswordInputField
          id="new-password"
          label={t.m.newPassword.newLabel}
          message={passwordMessage}
          value={password}
          onChange={editPassword}
          autoComplete="new-password"
          describedBy={`${HINTS_ID} ${VERDICT_ID}`}
          ref={passwordRef}
        />
        <PasswordHints id={HINTS_ID} checks={evaluation.checks} policy={step.policy} />
        {/* zxcvbn does not know the organisation's lists: once the server refuses, its meter would only mislead. */}
        {verdict.kind === 'verdict' && !verdict.verdict.ok ? null : (
          <StrengthMeter password={password} userNames={step.userNames} />
        )}
        <ServerVerdict id={VERDICT_ID} state={verdict} />
        <PasswordInputField
          id="confirm-password"
          label={t.m.newPassword.confirmLabel}
          message={confirmMessage}
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          ref={confirmRef}
        />
        <FormActions submitLabel={t.m.newPassword.submit} showCancel />
      </form>
    </ScreenFrame>
  );
}
