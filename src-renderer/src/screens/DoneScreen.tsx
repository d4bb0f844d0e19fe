import { Button, Text } from '@fluentui/react-components';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

export function DoneScreen() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const startOver = useResetFlow((s) => s.startOver);
  return (
    <ScreenFrame screen="done" heading={t.m.done.heading}>
      <Text as="p" className={styles.text}>
        {t.m.done.body}
      </Text>
      <div className={styles.actions}>
        <Button type="button" appearance="primary" onClick={() => void startOver()}>
          {t.m.done.finish}
        </Button>
      </div>
    </ScreenFrame>
  );
}
