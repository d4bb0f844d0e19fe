import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ConfirmRegistrationStep, RegistrationProof } from '@resetdesk/shared';
import { FormActions } from '../FormActions';
import { useFormStyles } from '../form-styles';
import { PendingApproval } from '../PendingApproval';
import { ScreenFrame } from '../ScreenFrame';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { AddMethodForm } from './AddMethodForm';
import { serverProblem } from './server-problem';

type ApprovalProof = Extract<RegistrationProof, { kind: 'approval' }>;

const useStyles = makeStyles({
  qr: { alignSelf: 'center', width: '200px', height: '200px', backgroundColor: '#ffffff' },
  link: { overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  number: {
    alignSelf: 'center',
    fontSize: tokens.fontSizeHero900,
    lineHeight: tokens.lineHeightHero900,
    fontWeight: tokens.fontWeightSemibold,
    margin: '0',
  },
});

/** The manage screen's form: an optional name for the device, then the pairing link and number (the next step). */
export function AddApproverForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [label, setLabel] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  const words = t.m.approverPairing;
  // The form replaced the button that opened it: the cursor goes to its field.
  useEffect(() => ref.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const name = label.trim();
    void store
      .getState()
      .beginRegistration({ kind: 'approval', ...(name === '' ? {} : { label: name }) })
      .then(() => {
        if (store.getState().stepError) ref.current?.focus();
      });
  }

  return (
    <AddMethodForm
      id="add-approver-heading"
      heading={words.formHeading}
      onSubmit={submit}
      submitLabel={words.start}
      onBack={onBack}
    >
      <Text as="p" className={styles.text}>
        {words.formIntro}
      </Text>
      <Field
        label={{ children: words.labelLabel, htmlFor: 'registration-approver-label' }}
        hint={words.labelHint}
        validationMessage={serverProblem(t, stepError)}
      >
        <Input
          id="registration-approver-label"
          name="label"
          ref={ref}
          value={label}
          maxLength={60}
          onChange={(_, data) => setLabel(data.value)}
          autoComplete="off"
        />
      </Field>
    </AddMethodForm>
  );
}

/**
 * The pairing under way: the approver link as a QR code and as text, the number to type on the device, and the wait
 * for the device's answer (polled as the reset's approval is). Refused or expired: the reason and "Try again".
 */
export function PairApproverProof({ step, proof }: { step: ConfirmRegistrationStep; proof: ApprovalProof }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const own = useStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const secondsLeft = usePairingPolling(proof, stepError === null);
  const [totalSeconds] = useState(secondsLeft);
  const form = useRef<HTMLFormElement>(null);
  const words = t.m.approverPairing;
  const problem = serverProblem(t, stepError);
  // The refusal replaced the wait: the cursor goes to "Try again" (the form's submit button).
  useEffect(() => {
    if (problem) form.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }, [problem]);

  function again(event: FormEvent) {
    event.preventDefault();
    void store.getState().beginRegistration({ kind: 'approval', label: proof.label });
  }

  const qr = `data:image/svg+xml;base64,${btoa(proof.qrSvg)}`;
  return (
    <ScreenFrame screen="confirmRegistration" heading={words.heading}>
      <form ref={form} className={styles.form} onSubmit={again} noValidate data-method={step.method}>
        <div role="alert">{problem && <Text as="p">{problem}</Text>}</div>
        {!problem && (
          <>
            <Text as="p" className={styles.text}>
              {words.scan}
            </Text>
            <img className={own.qr} src={qr} alt={t.format(words.qrAlt, { label: proof.label })} />
            <Text as="p" className={styles.text}>
              {words.linkLabel}:{' '}
              <span className={own.link} data-approver-url>
                {proof.approverUrl}
              </span>
            </Text>
            <p
              className={own.number}
              aria-label={`${words.numberLabel}: ${proof.number}`}
              data-pairing-number={proof.number}
            >
              {proof.number}
            </p>
            <PendingApproval
              waiting={words.waiting}
              timeout={t.format(words.timeout, { time: t.formatTime(new Date(proof.expiresAt)) })}
              secondsLeft={secondsLeft}
              totalSeconds={totalSeconds}
              secondsLeftForms={words.secondsLeft}
            />
          </>
        )}
        <FormActions
          {...(problem ? { submitLabel: words.tryAgain } : {})}
          showCancel
          back={{ label: words.back, onClick: () => void store.getState().showSecurityInfo() }}
        />
      </form>
    </ScreenFrame>
  );
}

/** Asks the server every pollAfterMs whether the device answered (while `active`), and counts the seconds left. */
function usePairingPolling(proof: ApprovalProof, active: boolean): number {
  const store = useResetFlowStore();
  const deadline = Date.parse(proof.expiresAt);
  const [secondsLeft, setSecondsLeft] = useState(() => Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  useEffect(() => {
    if (!active) return undefined;
    const poll = setInterval(() => void store.getState().checkDecision(), proof.pollAfterMs);
    const tick = setInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000))), 1000);
    return () => {
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [store, proof.pollAfterMs, deadline, active]);
  return secondsLeft;
}
