import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Field, Input, makeStyles } from '@fluentui/react-components';
import { evaluatePassword, PasswordRejectionReasonSchema } from '@resetdesk/shared';
import type { NewPasswordStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PasswordHints } from '../components/PasswordHints';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

const HINTS_ID = 'new-password-hints';

const useStyles = makeStyles({
  reasons: { margin: '4px 0 0', paddingLeft: '20px' },
});

type ClientProblem = 'notValid' | 'confirmRequired' | 'mismatch';

export function NewPasswordScreen({ step }: { step: NewPasswordStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const local = useStyles();
  const setPassword = useResetFlow((s) => s.setPassword);
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

  // The server's reasons, kept to the ones this client knows how to say (the schema already guarantees that).
  const serverReasons =
    stepError?.code === 'PASSWORD_REJECTED'
      ? (stepError.details?.reasons ?? []).filter((r) => PasswordRejectionReasonSchema.safeParse(r).success)
      : [];
  const passwordMessage =
    problem === 'notValid' ? (
      t.m.newPassword.notValid
    ) : stepError?.code === 'PASSWORD_REJECTED' ? (
      <>
        {serverReasons.length > 0 ? t.m.newPassword.rejected : t.m.errors.PASSWORD_REJECTED.title}
        {serverReasons.length > 0 && (
          <ul className={local.reasons}>
            {serverReasons.map((reason) => (
              <li key={reason}>{t.m.passwordReasons[reason]}</li>
            ))}
          </ul>
        )}
      </>
    ) : undefined;
  const confirmMessage =
    problem === 'confirmRequired' || problem === 'mismatch' ? t.m.newPassword[problem] : undefined;

  return (
    <ScreenFrame screen="newPassword" heading={t.m.newPassword.heading} step={3}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field
          label={{ children: t.m.newPassword.newLabel, htmlFor: 'new-password' }}
          validationMessage={passwordMessage}
          required
        >
          <Input
            id="new-password"
            name="new-password"
            type="password"
            ref={passwordRef}
            value={password}
            onChange={(_, data) => setPasswordValue(data.value)}
            autoComplete="new-password"
            aria-describedby={HINTS_ID}
          />
        </Field>
        <PasswordHints id={HINTS_ID} checks={evaluation.checks} policy={step.policy} />
        <Field
          label={{ children: t.m.newPassword.confirmLabel, htmlFor: 'confirm-password' }}
          validationMessage={confirmMessage}
          required
        >
          <Input
            id="confirm-password"
            name="confirm-password"
            type="password"
            ref={confirmRef}
            value={confirm}
            onChange={(_, data) => setConfirm(data.value)}
            autoComplete="new-password"
          />
        </Field>
        <FormActions submitLabel={t.m.newPassword.submit} showCancel />
      </form>
    </ScreenFrame>
  );
}
