import { Button, Text } from '@fluentui/react-components';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

export function DoneScreen() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const startOver = useResetFlow((s) => s.startOver);
  const outcome = useResetFlow((s) => (s.flow?.step.kind === 'done' ? s.flow.step.outcome : 'passwordReset'));
  const byOutcome = {
    accountUnlocked: t.m.unlockDone,
    passwordChanged: t.m.changeDone,
    securityInfoSaved: t.m.securityDone,
  };
  const texts = outcome === 'passwordReset' ? t.m.done : byOutcome[outcome];
  return (
    <ScreenFrame screen="done" heading={texts.heading}>
      <Text as="p" className={styles.text}>
        {texts.body}
      </Text>
      <div className={styles.actions}>
        <Button type="button" appearance="primary" onClick={() => void startOver()}>
          {t.m.done.finish}
        </Button>
      </div>
    </ScreenFrame>
  );
}
