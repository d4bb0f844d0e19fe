import { makeStyles, ProgressBar, Spinner, Text, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import type { PluralForms } from '../i18n/messages';
import { useFormStyles } from './form-styles';

const useStyles = makeStyles({
  waiting: { display: 'flex', alignItems: 'center', gap: '8px' },
  countdown: { color: tokens.colorNeutralForeground2 },
});

export interface PendingApprovalProps {
  waiting: string;
  timeout: string;
  secondsLeft: number;
  totalSeconds: number;
  secondsLeftForms: PluralForms;
}

/**
 * The waiting part of the call and approval screens: a spinner, the time it ends, and a countdown bar. The countdown
 * is not a live region (it would speak every second); the time it ends is said once, in text.
 */
export function PendingApproval({ waiting, timeout, secondsLeft, totalSeconds, secondsLeftForms }: PendingApprovalProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const formStyles = useFormStyles();
  const label = t.plural(secondsLeftForms, secondsLeft);
  return (
    <div className={formStyles.form}>
      <div className={styles.waiting}>
        <Spinner size="tiny" aria-hidden />
        <Text>{waiting}</Text>
      </div>
      <Text as="p" className={formStyles.text}>
        {timeout}
      </Text>
      <ProgressBar
        value={totalSeconds > 0 ? secondsLeft / totalSeconds : 0}
        max={1}
        aria-label={label}
        aria-valuetext={label}
      />
      <Text size={200} className={styles.countdown} aria-hidden>
        {label}
      </Text>
    </div>
  );
}
