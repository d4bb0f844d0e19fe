import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ChangePasswordStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { NewPasswordFields, useNewPasswordForm } from '../components/NewPasswordFields';
import { PasswordInputField } from '../components/PasswordInputField';
import { PasswordRejection } from '../components/PasswordRejection';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

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
  // Asked for at the last submit, until something is typed there.
  const [oldMissing, setOldMissing] = useState(false);
  const oldRef = useRef<HTMLInputElement>(null);

  // The server sends no names before the old password proved who is asking; the typed user ID is known here anyway.
  const userNames = useMemo(() => [...step.userNames, username], [step.userNames, username]);
  const newPassword = useNewPasswordForm(step.policy, userNames);

  function submit(event: FormEvent) {
    event.preventDefault();
    setOldMissing(oldPassword === '');
    if (oldPassword === '') {
      newPassword.form.clearProblem();
      oldRef.current?.focus();
    } else if (newPassword.form.validate()) {
      void store
        .getState()
        .changePassword(oldPassword, newPassword.form.password)
        .then(() => {
          const code = store.getState().stepError?.code;
          if (code === 'CREDENTIALS_INVALID') {
            setOldPassword('');
            oldRef.current?.focus();
          } else if (code === 'PASSWORD_REJECTED' || code === 'PASSWORD_REUSED') {
            newPassword.inputs.password.current?.focus();
          }
        });
    }
  }

  let serverMessage: ReactNode = undefined;
  if (stepError?.code === 'PASSWORD_REUSED') serverMessage = t.m.errors.PASSWORD_REUSED.title;
  else if (stepError?.code === 'PASSWORD_REJECTED') serverMessage = <PasswordRejection error={stepError} />;
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
          message={oldMissing && oldPassword === '' ? t.m.changePassword.oldRequired : undefined}
          value={oldPassword}
          onChange={setOldPassword}
          autoComplete="current-password"
          ref={oldRef}
        />
        <NewPasswordFields
          {...newPassword}
          idPrefix="change-password"
          labels={t.m.changePassword}
          serverMessage={serverMessage}
        />
        <FormActions submitLabel={t.m.changePassword.submit} showCancel />
      </form>
    </ScreenFrame>
  );
}
