import { useState } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { AwaitApprovalStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PendingApproval } from '../components/PendingApproval';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { pendingFor } from '../methods/registry';
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

/**
 * The wizard waits for a decision made elsewhere (a call answered with #, a notification approved), with a visible
 * timeout and Cancel; the server gives the verdict. For number matching the number to type is shown large.
 */
export function AwaitDecisionScreen({ step }: { step: AwaitApprovalStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const own = useStyles();
  const store = useResetFlowStore();
  const secondsLeft = useApprovalPolling(store, step);
  const [totalSeconds] = useState(secondsLeft);
  const pending = pendingFor(step);
  const texts = pending.texts(t);
  return (
    <ScreenFrame screen="awaitApproval" heading={texts.heading} step={2} gate={{ gate: step.gate, total: step.gatesRequired }}>
      <form className={styles.form} onSubmit={(event) => event.preventDefault()} noValidate>
        <Text as="p" className={styles.text}>
          {t.format(texts.intro, { target: step.method.maskedTarget })}
        </Text>
        {pending.showsNumber && (
          <p className={own.number} aria-label={`${t.m.approval.numberLabel}: ${step.number ?? ''}`} data-approval-number={step.number}>
            {step.number}
          </p>
        )}
        <PendingApproval
          waiting={texts.waiting}
          timeout={t.format(texts.timeout, { time: t.formatTime(new Date(step.expiresAt)) })}
          secondsLeft={secondsLeft}
          totalSeconds={totalSeconds}
          secondsLeftForms={texts.secondsLeft}
        />
        <FormActions showCancel />
      </form>
    </ScreenFrame>
  );
}
