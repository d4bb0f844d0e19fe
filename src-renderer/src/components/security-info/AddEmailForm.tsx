import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { AddMethodForm } from './AddMethodForm';
import { serverProblem } from './server-problem';

/** An address to add; the server sends a code to it (the next step asks for that code). */
export function AddEmailForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [address, setAddress] = useState('');
  const [missing, setMissing] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const words = t.m.securityInfo;
  // The form replaced the button that opened it: the cursor goes to its field.
  useEffect(() => ref.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(address.trim() === '');
    if (address.trim() === '') {
      ref.current?.focus();
      return;
    }
    void store
      .getState()
      .beginRegistration({ kind: 'email', address })
      .then(() => {
        if (store.getState().stepError) ref.current?.focus();
      });
  }

  const message = missing && address.trim() === '' ? words.emailRequired : serverProblem(t, stepError);
  return (
    <AddMethodForm id="add-email-heading" heading={words.emailHeading} onSubmit={submit} submitLabel={words.send} onBack={onBack}>
      <Field
        label={{ children: words.emailLabel, htmlFor: 'registration-email' }}
        hint={words.emailHint}
        validationMessage={message}
        required
      >
        <Input
          id="registration-email"
          name="email"
          type="email"
          ref={ref}
          value={address}
          onChange={(_, data) => setAddress(data.value)}
          autoComplete="email"
          spellCheck={false}
        />
      </Field>
    </AddMethodForm>
  );
}
