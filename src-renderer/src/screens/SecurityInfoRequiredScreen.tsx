import type { FormEvent } from 'react';
import { Text } from '@fluentui/react-components';
import type { SecurityInfoRequiredStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlowStore } from '../state/store-context';

/**
 * Entra's interrupt after a change password: the password is changed, but the person must register security info
 * (the policy's number) or confirm it is still accurate before they are done. Continue opens the list the server
 * opened for them: no second password.
 */
export function SecurityInfoRequiredScreen({ step }: { step: SecurityInfoRequiredStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const words = t.m.securityInfoRequired;

  function submit(event: FormEvent) {
    event.preventDefault();
    void store.getState().continueToSecurityInfo();
  }

  return (
    <ScreenFrame screen="securityInfoRequired" heading={words.heading}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {words.changed}
        </Text>
        <Text as="p" className={styles.text}>
          {step.reason === 'register' ? words.register : words.reconfirm}
        </Text>
        <FormActions submitLabel={words.continue} showCancel={false} />
      </form>
    </ScreenFrame>
  );
}
