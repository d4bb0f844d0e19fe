import { Field, Text } from '@fluentui/react-components';
import type { ConfirmRegistrationStep, RegistrationProof } from '@resetdesk/shared';
import { CodeInput, useCodeEntry } from '../components/CodeEntry';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { PairApproverProof } from '../components/security-info/ApproverPairing';
import { PasskeyProof } from '../components/security-info/PasskeyProof';
import { TotpProofForm } from '../components/security-info/TotpProofForm';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

/** The proof of the method being added, by its kind (each kind's view is its own component). */
export function ConfirmRegistrationScreen({ step }: { step: ConfirmRegistrationStep }) {
  if (step.proof.kind === 'approval') return <PairApproverProof step={step} proof={step.proof} />;
  if (step.proof.kind === 'passkey') return <PasskeyProof step={{ ...step, proof: step.proof }} />;
  if (step.proof.kind === 'totp') return <TotpProofForm proof={step.proof} />;
  return <CodeProof step={step} proof={step.proof} />;
}

type CodeProofProps = { step: ConfirmRegistrationStep; proof: Extract<RegistrationProof, { kind: 'code' }> };

/** The code sent to the address or phone being added: only the right one saves it. */
function CodeProof({ step, proof }: CodeProofProps) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const { code, setCode, wrongLength, ref, submit } = useCodeEntry(
    proof.codeLength,
    (digits) => store.getState().confirmRegistration(digits),
    () => store.getState().stepError !== null,
  );
  const words = t.m.securityInfo;

  let message: string | undefined;
  if (wrongLength) message = t.format(words.codeRequired, { length: proof.codeLength });
  else if (stepError?.code === 'CODE_INVALID') {
    const left = stepError.details?.attemptsLeft ?? proof.attemptsLeft;
    message = `${t.m.enterCode.invalid} ${t.plural(t.m.enterCode.attemptsLeft, left)}`;
  } else if (stepError?.code === 'CODE_EXPIRED') message = t.m.errors.CODE_EXPIRED.title;

  const sent = step.method === 'email' ? words.confirmEmail : words.confirmPhone;
  return (
    <ScreenFrame screen="confirmRegistration" heading={words.confirmHeading}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.format(sent, { target: proof.maskedTarget })}
        </Text>
        <Field label={{ children: words.codeLabel, htmlFor: 'registration-code' }} validationMessage={message} required>
          <CodeInput id="registration-code" ref={ref} value={code} onChange={setCode} />
        </Field>
        <FormActions
          submitLabel={words.confirm}
          showCancel
          back={{ label: words.back, onClick: () => void store.getState().showSecurityInfo() }}
        />
      </form>
    </ScreenFrame>
  );
}
