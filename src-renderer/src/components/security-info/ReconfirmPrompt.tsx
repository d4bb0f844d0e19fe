import { Button, Text } from '@fluentui/react-components';
import { useFormStyles } from '../form-styles';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlowStore } from '../../state/store-context';

/**
 * Entra's "Keep your account secure": the reconfirmation interval has passed. "Looks good" confirms the list as it is
 * (the server records when, and finishes); changing a method below counts as a confirmation too.
 */
export function ReconfirmPrompt() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const words = t.m.securityInfo;
  return (
    <section aria-labelledby="reconfirm-heading">
      <Text as="h2" id="reconfirm-heading" size={400} weight="semibold" block>
        {words.reconfirmHeading}
      </Text>
      <Text as="p" className={styles.text}>
        {words.reconfirmIntro}
      </Text>
      <div className={styles.actions} style={{ justifyContent: 'flex-start' }}>
        <Button type="button" appearance="primary" onClick={() => void store.getState().finishRegistration()}>
          {words.looksGood}
        </Button>
      </div>
    </section>
  );
}
