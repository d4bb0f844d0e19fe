import { Button, Field, Text } from '@fluentui/react-components';
import type { EnterCodeStep } from '@resetdesk/shared';
import { CodeInput, useCodeEntry } from '../components/CodeEntry';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { codeTextsFor } from '../methods/registry';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

export function EnterCodeScreen({ step }: { step: EnterCodeStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const { code, setCode, wrongLength, ref, submit } = useCodeEntry(
    step.codeLength,
    (digits) => store.getState().verifyCode(digits),
    () => store.getState().stepError?.code === 'CODE_INVALID',
  );
  const texts = codeTextsFor(t, step);
  const resendsLeft = step.resendsLeft;

  let validationMessage: string | undefined;
  if (wrongLength) validationMessage = texts.wrongLength;
  else if (stepError?.code === 'CODE_INVALID')
    validationMessage = `${t.m.enterCode.invalid} ${t.plural(t.m.enterCode.attemptsLeft, step.attemptsLeft)}`;

  return (
    <ScreenFrame screen="enterCode" heading={texts.heading} step={2} gate={{ gate: step.gate, total: step.gatesRequired }}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {texts.intro}
        </Text>
        <Field
          label={{ children: t.m.enterCode.label, htmlFor: 'code' }}
          hint={texts.hint}
          validationMessage={validationMessage}
          required
        >
          <CodeInput id="code" ref={ref} value={code} onChange={setCode} />
        </Field>
        {texts.resendHelp && resendsLeft !== undefined && (
          <div className={styles.form}>
            <Text as="p" className={styles.text}>
              {resendsLeft > 0 ? t.plural(texts.resendHelp, resendsLeft) : t.m.codeMethods.noResendsLeft}
            </Text>
            {resendsLeft > 0 && (
              <div>
                <Button type="button" appearance="secondary" onClick={() => void store.getState().resendCode()}>
                  {t.m.codeMethods.resend}
                </Button>
              </div>
            )}
          </div>
        )}
        <FormActions submitLabel={t.m.app.next} showCancel />
      </form>
    </ScreenFrame>
  );
}
