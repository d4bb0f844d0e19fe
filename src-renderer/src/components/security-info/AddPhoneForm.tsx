import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { AddMethodForm } from './AddMethodForm';
import { serverProblem } from './server-problem';

/** A phone to add, in international format, and how it proves to be the person's: a text or a call with a code. */
export function AddPhoneForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [number, setNumber] = useState('');
  const [via, setVia] = useState<'sms' | 'voice'>('sms');
  const [missing, setMissing] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const words = t.m.securityInfo;
  // The form replaced the button that opened it: the cursor goes to its field.
  useEffect(() => ref.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(number.trim() === '');
    if (number.trim() === '') {
      ref.current?.focus();
      return;
    }
    void store
      .getState()
      .beginRegistration({ kind: 'phone', number, via })
      .then(() => {
        if (store.getState().stepError) ref.current?.focus();
      });
  }

  // A number refused for its format: the title is enough, the field's hint right below says what the format is.
  const badNumber = stepError?.code === 'PHONE_NUMBER_INVALID' ? `${t.m.errors.PHONE_NUMBER_INVALID.title}.` : null;
  const message = missing && number.trim() === '' ? words.phoneRequired : (badNumber ?? serverProblem(t, stepError));
  return (
    <AddMethodForm id="add-phone-heading" heading={words.phoneHeading} onSubmit={submit} submitLabel={words.send} onBack={onBack}>
      <Field
        label={{ children: words.phoneLabel, htmlFor: 'registration-phone' }}
        hint={words.phoneHint}
        validationMessage={message}
        required
      >
        <Input
          id="registration-phone"
          name="phone"
          type="tel"
          ref={ref}
          value={number}
          onChange={(_, data) => setNumber(data.value)}
          autoComplete="tel"
        />
      </Field>
      <Field label={words.viaLabel}>
        <RadioGroup value={via} onChange={(_, data) => setVia(data.value === 'voice' ? 'voice' : 'sms')}>
          <Radio value="sms" label={words.viaSms} />
          <Radio value="voice" label={words.viaVoice} />
        </RadioGroup>
      </Field>
    </AddMethodForm>
  );
}
