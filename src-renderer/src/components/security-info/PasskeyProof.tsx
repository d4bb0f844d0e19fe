import { useRef, useState, type FormEvent } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { ConfirmRegistrationStep, ErrorCode } from '@resetdesk/shared';
import { FormActions } from '../FormActions';
import { useFormStyles } from '../form-styles';
import { ScreenFrame } from '../ScreenFrame';
import { useI18n } from '../../i18n/i18n-context';
import { createPasskey } from '../../methods/passkey-create-prompt';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';

type PasskeyProofStep = ConfirmRegistrationStep & { proof: { kind: 'passkey' } };

/**
 * The passkey being added: Create passkey runs the browser's prompt with the server's options (an explicit press, so
 * no prompt pops up unasked, and a retry is the same action); the attestation goes back and only a verified one is
 * saved. A cancelled prompt sends nothing: it says so, with Try again and Back (to the list, nothing saved).
 */
export function PasskeyProof({ step }: { step: PasskeyProofStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [prompting, setPrompting] = useState(false);
  const prompt = useRef(false);
  const words = t.m.passkeyRegistration;
  const shown = problem ?? stepError?.code ?? null;
  // A refusal or a cancelled prompt is read out (role=alert); the focus stays on the pressed button, now Try again.

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (prompt.current || store.getState().busy) return;
    prompt.current = true;
    setPrompting(true);
    setProblem(null);
    store.setState({ stepError: null });
    const outcome = await createPasskey(step.proof.options);
    // Saved: the list comes next; refused: the server's code is the step's error (shown below).
    if (outcome.ok) await store.getState().confirmPasskeyRegistration(outcome.attestation);
    else setProblem(outcome.code);
    prompt.current = false;
    setPrompting(false);
  }

  let title: string | null = null;
  let action: string | null = null;
  if (shown === 'PASSKEY_CANCELLED') [title, action] = [words.cancelledTitle, words.cancelledAction];
  else if (shown !== null) [title, action] = [t.m.errors[shown].title, t.m.errors[shown].action];
  return (
    <ScreenFrame screen="confirmRegistration" heading={words.createHeading}>
      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate
        data-passkey-problem={shown ?? undefined}>
        <Text as="p" className={styles.text}>
          {words.createIntro}
        </Text>
        <div role="alert" className={styles.stack}>
          {title && (
            <>
              <Text as="p" className={styles.text} weight="semibold">
                {title}
              </Text>
              <Text as="p" className={styles.text}>
                {action}
              </Text>
            </>
          )}
        </div>
        <div aria-live="polite">{prompting && <Text as="p" className={styles.text}>{words.waiting}</Text>}</div>
        <div>
          <Button type="button" appearance="secondary" onClick={() => void store.getState().showSecurityInfo()}>
            {t.m.securityInfo.back}
          </Button>
        </div>
        <FormActions submitLabel={shown === null ? words.create : words.retry} showCancel />
      </form>
    </ScreenFrame>
  );
}
