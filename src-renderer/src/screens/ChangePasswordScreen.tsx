import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { evaluatePassword } from '@resetdesk/shared';
import type { ChangePasswordStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PasswordHints } from '../components/PasswordHints';
import { PasswordInputField } from '../components/PasswordInputField';
import { PasswordRejection } from '../components/PasswordRejection';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

const HINTS_ID = 'change-password-hints';

const useStyles = makeStyles({
  // Fluent's Text is inline by default; the box must wrap as one block.
  alert: {
    display: 'block',
    margin: '0 0 12px',
    padding: '8px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    border: `1px solid ${tokens.colorPaletteRedBorder1}`,
  },
});

type ClientProblem = 'oldRequired' | 'notValid' | 'confirmRequired' | 'mismatch';

/** The problem found at the last submit, while it still holds for what is typed now. */
function currentProblem(
  found: ClientProblem | null,
  typed: { old: string; valid: boolean; password: string; confirm: string },
): ClientProblem | null {
  switch (found) {
    case 'oldRequired':
      return typed.old === '' ? 'oldRequired' : null;
    case 'notValid':
      return typed.valid ? null : 'notValid';
    case 'confirmRequired':
    case 'mismatch':
      if (typed.confirm === '') return 'confirmRequired';
      return typed.confirm !== typed.password ? 'mismatch' : null;
    default:
      return null;
  }
}

/**
 * Old password, new password, confirmation. A wrong user ID or old password is said once for the whole form, never
 * next to one field: which of the two was wrong is exactly what must not be told.
 */
export function ChangePasswordScreen({ step }: { step: ChangePasswordStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const local = useStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const username = useResetFlow((s) => s.username) ?? '';
  const [oldPassword, setOldPassword] = useState('');
  const [password, setPasswordValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<ClientProblem | null>(null);
  const oldRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  // The server sends no names before the old password proved who is asking; the typed user ID is known here anyway.
  const userNames = useMemo(() => [...step.userNames, username], [step.userNames, username]);
  const evaluation = useMemo(
    () => evaluatePassword(password, step.policy, userNames),
    [password, step.policy, userNames],
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (oldPassword === '') {
      setProblem('oldRequired');
      oldRef.current?.focus();
    } else if (!evaluation.ok) {
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
      void store
        .getState()
        .changePassword(oldPassword, password)
        .then(() => {
          const code = store.getState().stepError?.code;
          if (code === 'CREDENTIALS_INVALID') {
            setOldPassword('');
            oldRef.current?.focus();
          } else if (code === 'PASSWORD_REJECTED' || code === 'PASSWORD_REUSED') {
            passwordRef.current?.focus();
          }
        });
    }
  }

  function editPassword(value: string) {
    setPasswordValue(value);
    store.getState().newPasswordEdited();
  }

  // Shown after a submit, then re-evaluated as the person types: a message disappears once it no longer applies.
  const current = currentProblem(problem, { old: oldPassword, valid: evaluation.ok, password, confirm });
  let passwordMessage: ReactNode = undefined;
  if (current === 'notValid') passwordMessage = t.m.newPassword.notValid;
  else if (stepError?.code === 'PASSWORD_REUSED') passwordMessage = t.m.errors.PASSWORD_REUSED.title;
  else if (stepError?.code === 'PASSWORD_REJECTED') passwordMessage = <PasswordRejection error={stepError} />;
  const confirmMessage =
    current === 'confirmRequired' || current === 'mismatch' ? t.m.newPassword[current] : undefined;
  const credentialsWrong = stepError?.code === 'CREDENTIALS_INVALID';

  return (
    <ScreenFrame screen="changePassword" heading={t.m.changePassword.heading} step={2}>
      <form className={styles.form} onSubmit={submit} noValidate>
        {/* One block, so the (always present, often empty) live region adds no gap of the form's own. */}
        <div>
          <div role="alert">
            {credentialsWrong && (
              <Text as="p" className={local.alert}>
                <strong>{t.m.errors.CREDENTIALS_INVALID.title}.</strong> {t.m.errors.CREDENTIALS_INVALID.action}
              </Text>
            )}
          </div>
          <Text as="p" className={styles.text}>
            {t.m.changePassword.intro} {t.format(t.m.changePassword.user, { username })}
          </Text>
        </div>
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <PasswordInputField
          id="old-password"
          label={t.m.changePassword.oldLabel}
          message={current === 'oldRequired' ? t.m.changePassword.oldRequired : undefined}
          value={oldPassword}
          onChange={setOldPassword}
          autoComplete="current-password"
          ref={oldRef}
        />
        <PasswordInputField
          id="new-password"
          label={t.m.changePassword.newLabel}
          message={passwordMessage}
          value={password}
          onChange={editPassword}
          autoComplete="new-password"
          describedBy={HINTS_ID}
          ref={passwordRef}
        />
        <PasswordHints id={HINTS_ID} checks={evaluation.checks} policy={step.policy} />
        <PasswordInputField
          id="confirm-password"
          label={t.m.changePassword.confirmLabel}
          message={confirmMessage}
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          ref={confirmRef}
        />
        <FormActions submitLabel={t.m.changePassword.submit} showCancel />
      </form>
    </ScreenFrame>
  );
}
