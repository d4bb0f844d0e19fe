import { useState } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { AwaitApprovalStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PendingApproval } from '../components/PendingApproval';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlowStore } from '../state/store-context';
import { useApprovalPolling } from '../state/use-approval-polling';

const useStyles = makeStyles({
  number: {
    alignSelf: 'center',
    fontSize: tokens.fontSizeHero900,
    lineHeight: tokens.lineHeightHero900,
    fontWeight: tokens.fontWeightSemibold,
    margin: '0',
  },
});

/** Number matching: the number to type on the approver device, large; the wizard waits for the server's verdict. */
export function ApprovalScreen({ step }: { step: AwaitApprovalStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const own = useStyles();
  const store = useResetFlowStore();
  const secondsLeft = useApprovalPolling(store, step);
  const [totalSeconds] = useState(secondsLeft);
  return (
    <ScreenFrame
      screen="awaitApproval"
      heading={t.m.approval.heading}
      step={2}
      gate={{ gate: step.gate, total: step.gatesRequired }}
    >
      <form className={styles.form} onSubmit={(event) => event.preventDefault()} noValidate>
        <Text as="p" className={styles.text} id="approval-intro">
          {t.format(t.m.approval.intro, { target: step.method.maskedTarget })}
        </Text>
        <p className={own.number} aria-label={`${t.m.approval.numberLabel}: ${step.number ?? ''}`} data-approval-number={step.number}>
          {step.number}
        </p>
        <PendingApproval
          waiting={t.m.approval.waiting}
          timeout={t.format(t.m.approval.timeout, { time: t.formatTime(new Date(step.expiresAt)) })}
          secondsLeft={secondsLeft}
          totalSeconds={totalSeconds}
          secondsLeftForms={t.m.approval.secondsLeft}
        />
        <FormActions showCancel />
      </form>
    </ScreenFrame>
  );
}
