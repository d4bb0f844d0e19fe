import { useState } from 'react';
import { Text } from '@fluentui/react-components';
import type { AwaitApprovalStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { PendingApproval } from '../components/PendingApproval';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlowStore } from '../state/store-context';
import { useApprovalPolling } from '../state/use-approval-polling';

/** The server is calling the user's phone: wait for # (the server tells), with a visible timeout and Cancel. */
export function VoiceCallScreen({ step }: { step: AwaitApprovalStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const secondsLeft = useApprovalPolling(store, step);
  const [totalSeconds] = useState(secondsLeft);
  return (
    <ScreenFrame
      screen="awaitApproval"
      heading={t.m.voice.heading}
      step={2}
      gate={{ gate: step.gate, total: step.gatesRequired }}
    >
      <form className={styles.form} onSubmit={(event) => event.preventDefault()} noValidate>
        <Text as="p" className={styles.text}>
          {t.format(t.m.voice.intro, { target: step.method.maskedTarget })}
        </Text>
        <PendingApproval
          waiting={t.m.voice.waiting}
          timeout={t.format(t.m.voice.timeout, { time: t.formatTime(new Date(step.expiresAt)) })}
          secondsLeft={secondsLeft}
          totalSeconds={totalSeconds}
          secondsLeftForms={t.m.voice.secondsLeft}
        />
        <FormActions showCancel />
      </form>
    </ScreenFrame>
  );
}
