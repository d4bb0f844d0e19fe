import { useRef, useState, type FormEvent } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { ErrorCode, UsePasskeyStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { askPasskey } from '../methods/passkey-prompt';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

/**
 * The passkey step: the person starts the browser's prompt with the button (an explicit press, so a prompt never
 * pops up unasked and a retry is the same action). A cancelled prompt, or an answer the server refused, is said in
 * an alert above the button, which then reads "Try again"; the step's challenge stays open until it expires.
 */
export function UsePasskeyScreen({ step }: { step: UsePasskeyStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [prompting, setPrompting] = useState(false);
  const prompt = useRef(false);
  // Only when the chooser had something else to offer for this gate.
  const others = useResetFlow((s) => {
    const chooser = s.chooser?.step;
    return chooser?.kind === 'chooseMethod' && chooser.methods.length > 1;
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (prompt.current || store.getState().busy) return;
    prompt.current = true;
    setPrompting(true);
    setProblem(null);
    const outcome = await askPasskey(step.options);
    if (outcome.ok) {
      await store.getState().verifyPasskey(outcome.assertion);
      // Still on this step: the server refused the answer (its code is the step's error).
      setProblem(store.getState().stepError?.code ?? null);
    } else setProblem(outcome.code);
    prompt.current = false;
    setPrompting(false);
  }

  const texts = problem === null ? null : t.m.errors[problem];
  return (
    <ScreenFrame screen="usePasskey" heading={t.m.passkey.heading} step={2} gate={{ gate: step.gate, total: step.gatesRequired }}>
      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-passkey-problem={problem ?? undefined}>
        <Text as="p" className={styles.text}>
          {t.m.passkey.intro}
        </Text>
        <div role="alert" className={styles.stack}>
          {texts && (
            <>
              <Text as="p" className={styles.text} weight="semibold">
                {texts.title}
              </Text>
              <Text as="p" className={styles.text}>
                {texts.action}
              </Text>
            </>
          )}
        </div>
        <div aria-live="polite">{prompting && <Text as="p" className={styles.text}>{t.m.passkey.waiting}</Text>}</div>
        {others && (
          <div>
            <Button type="button" appearance="secondary" onClick={() => store.getState().chooseAnotherMethod()}>
              {t.m.passkey.chooseAnother}
            </Button>
          </div>
        )}
        <FormActions submitLabel={problem === null ? t.m.passkey.start : t.m.passkey.retry} showCancel />
      </form>
    </ScreenFrame>
  );
}
