import { useRef, useState, type FormEvent } from 'react';
import { Text } from '@fluentui/react-components';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PasswordInputField } from '../components/PasswordInputField';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

/**
 * The password that opens security info. A wrong password and an unknown user ID read the same (one message for the
 * form, as on the change screen): which of the two was wrong is what must not be told.
 */
export function SecurityInfoSignInScreen() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const username = useResetFlow((s) => s.username) ?? '';
  const wrong = useResetFlow((s) => s.stepError?.code === 'CREDENTIALS_INVALID');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(password === '');
    if (password === '') {
      ref.current?.focus();
      return;
    }
    void store
      .getState()
      .signInToSecurityInfo(password)
      .then(() => {
        if (store.getState().stepError?.code !== 'CREDENTIALS_INVALID') return;
        setPassword('');
        ref.current?.focus();
      });
  }

  const errors = t.m.errors.CREDENTIALS_INVALID;
  let message: string | undefined;
  if (missing && password === '') message = t.m.securityInfo.passwordRequired;
  else if (wrong) message = `${errors.title}. ${errors.action}`;

  return (
    <ScreenFrame screen="signIn" heading={t.m.securityInfo.signInHeading} step={2}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.format(t.m.securityInfo.signInIntro, { username })}
        </Text>
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <PasswordInputField
          id="security-info-password"
          label={t.m.securityInfo.passwordLabel}
          message={message}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          ref={ref}
        />
        <FormActions submitLabel={t.m.securityInfo.signIn} showCancel />
      </form>
    </ScreenFrame>
  );
}
