import { useRef, useState, type FormEvent } from 'react';
import { Button, Text } from '@fluentui/react-components';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PasswordInputField } from '../components/PasswordInputField';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

type Mode = 'password' | 'tap';

/**
 * The password that opens security info, or a Temporary Access Pass instead ("Sign in with a Temporary Access Pass":
 * the pass stands for the password and the method). A wrong secret and an unknown user ID read the same (one message
 * for the form, as on the change screen): which of the two was wrong is what must not be told.
 */
export function SecurityInfoSignInScreen() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const username = useResetFlow((s) => s.username) ?? '';
  const wrong = useResetFlow((s) => s.stepError?.code === 'CREDENTIALS_INVALID');
  const [mode, setMode] = useState<Mode>('password');
  const [secret, setSecret] = useState('');
  const [missing, setMissing] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const words = t.m.securityInfo;

  function switchMode() {
    setMode(mode === 'password' ? 'tap' : 'password');
    setSecret('');
    setMissing(false);
    store.setState({ stepError: null });
    requestAnimationFrame(() => ref.current?.focus());
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(secret === '');
    if (secret === '') {
      ref.current?.focus();
      return;
    }
    const state = store.getState();
    const signIn = mode === 'tap' ? state.signInWithTap(secret) : state.signInToSecurityInfo(secret);
    void signIn.then(() => {
      if (store.getState().stepError?.code !== 'CREDENTIALS_INVALID') return;
      setSecret('');
      ref.current?.focus();
    });
  }

  const errors = t.m.errors.CREDENTIALS_INVALID;
  let message: string | undefined;
  if (missing && secret === '') message = mode === 'tap' ? words.tapRequired : words.passwordRequired;
  else if (wrong) message = mode === 'tap' ? words.tapInvalid : `${errors.title}. ${errors.action}`;

  return (
    <ScreenFrame screen="signIn" heading={words.signInHeading} step={2}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.format(mode === 'tap' ? words.tapIntro : words.signInIntro, { username })}
        </Text>
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <PasswordInputField
          key={mode}
          id={mode === 'tap' ? 'security-info-tap' : 'security-info-password'}
          label={mode === 'tap' ? words.tapLabel : words.passwordLabel}
          message={message}
          value={secret}
          onChange={setSecret}
          autoComplete={mode === 'tap' ? 'one-time-code' : 'current-password'}
          ref={ref}
        />
        <div className={styles.actions} style={{ justifyContent: 'flex-start' }}>
          <Button type="button" appearance="transparent" onClick={switchMode}>
            {mode === 'tap' ? words.usePassword : words.useTap}
          </Button>
        </div>
        <FormActions submitLabel={words.signIn} showCancel />
      </form>
    </ScreenFrame>
  );
}
