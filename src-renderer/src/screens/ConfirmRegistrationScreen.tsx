import { useRef, useState, type FormEvent } from 'react';
import { Button, Field, Input, Text } from '@fluentui/react-components';
import type { ConfirmRegistrationStep, RegistrationProof } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { TotpProofForm } from '../components/security-info/TotpProofForm';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

type CodeProofView = Extract<RegistrationProof, { kind: 'code' }>;

/** The proof of the method being added, by the kind of proof (each kind's view in components/security-info/). */
export function ConfirmRegistrationScreen({ step }: { step: ConfirmRegistrationStep }) {
  const { proof } = step;
  if (proof.kind === 'totp') return <TotpProofForm proof={proof} />;
  return <CodeProof method={step.method} proof={proof} />;
}

/** The code sent to the address or phone being added: only the right one saves it. */
function CodeProof({ method, proof }: { method: ConfirmRegistrationStep['method']; proof: CodeProofView }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [code, setCode] = useState('');
  const [wrongLength, setWrongLength] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const words = t.m.securityInfo;

  function submit(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/\s+/gu, '');
    if (!new RegExp(`^[0-9]{${proof.codeLength}}$`, 'u').test(digits)) {
      setWrongLength(true);
      ref.current?.focus();
      return;
    }
    setWrongLength(false);
    void store
      .getState()
      .confirmRegistration(digits)
      .then(() => {
        if (store.getState().stepError === null) return;
        setCode('');
        ref.current?.focus();
      });
  }

  let message: string | undefined;
  if (wrongLength) message = t.format(words.codeRequired, { length: proof.codeLength });
  else if (stepError?.code === 'CODE_INVALID') {
    const left = stepError.details?.attemptsLeft ?? proof.attemptsLeft;
    message = `${t.m.enterCode.invalid} ${t.plural(t.m.enterCode.attemptsLeft, left)}`;
  } else if (stepError?.code === 'CODE_EXPIRED') message = t.m.errors.CODE_EXPIRED.title;

  const sent = method === 'email' ? words.confirmEmail : words.confirmPhone;
  return (
    <ScreenFrame screen="confirmRegistration" heading={words.confirmHeading}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.format(sent, { target: proof.maskedTarget })}
        </Text>
        <Field label={{ children: words.codeLabel, htmlFor: 'registration-code' }} validationMessage={message} required>
          <Input
            id="registration-code"
            name="code"
            ref={ref}
            value={code}
            onChange={(_, data) => setCode(data.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
          />
        </Field>
        <div>
          <Button type="button" appearance="secondary" onClick={() => void store.getState().showSecurityInfo()}>
            {words.back}
          </Button>
        </div>
        <FormActions submitLabel={words.confirm} showCancel />
      </form>
    </ScreenFrame>
  );
}
