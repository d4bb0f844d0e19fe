import { useEffect, useRef, type FormEvent } from 'react';
import { Text } from '@fluentui/react-components';
import { useFormStyles } from '../form-styles';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { AddMethodForm } from './AddMethodForm';
import { serverProblem } from './server-problem';

/** What adding an authenticator app takes; Next makes the new secret (the next step shows it as a QR code). */
export function AddAuthenticatorAppForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const next = useRef<HTMLButtonElement>(null);
  const words = t.m.securityInfo.totpForm;
  // The form replaced the button that opened it: the focus goes to its own button.
  useEffect(() => next.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    void store.getState().beginRegistration({ kind: 'totp' });
  }

  const problem = serverProblem(t, stepError);
  return (
    <AddMethodForm
      id="add-totp-heading"
      heading={words.heading}
      onSubmit={submit}
      submitLabel={words.next}
      submitRef={next}
      onBack={onBack}
    >
      <Text as="p" className={styles.text}>
        {words.intro}
      </Text>
      <div role="alert">{problem && <Text as="p">{problem}</Text>}</div>
    </AddMethodForm>
  );
}
