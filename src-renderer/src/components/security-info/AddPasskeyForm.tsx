import { useEffect, useRef, type FormEvent } from 'react';
import { Button, Text } from '@fluentui/react-components';
import { useFormStyles } from '../form-styles';
import { useI18n } from '../../i18n/i18n-context';
import { passkeysCanBeAddedHere } from '../../methods/passkey-create-prompt';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { serverProblem } from './server-problem';

/**
 * "Add passkey": what a passkey is, then Continue asks the server for the ceremony (the next step creates it). In the
 * desktop app a passkey cannot be made (its origin is not the reset server's): it says to use the browser page.
 */
export function AddPasskeyForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const heading = useRef<HTMLHeadingElement>(null);
  const words = t.m.passkeyRegistration;
  const possible = passkeysCanBeAddedHere();
  // The form replaced the button that opened it: the focus goes to its heading (there is no field to type in).
  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    void store.getState().beginRegistration({ kind: 'passkey' });
  }

  const problem = serverProblem(t, stepError);
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="add-passkey-heading"
      data-passkey-possible={possible}>
      <Text as="h2" id="add-passkey-heading" size={400} weight="semibold" className={styles.text} ref={heading}
        tabIndex={-1}>
        {words.heading}
      </Text>
      {possible ? (
        <Text as="p" className={styles.text}>
          {words.intro}
        </Text>
      ) : (
        <div role="alert" className={styles.stack}>
          <Text as="p" className={styles.text} weight="semibold">
            {words.unsupportedTitle}
          </Text>
          <Text as="p" className={styles.text}>
            {words.unsupportedAction}
          </Text>
        </div>
      )}
      <div role="alert">{problem && <Text as="p">{problem}</Text>}</div>
      <div className={styles.actions}>
        {possible && (
          <Button type="submit" appearance="primary">
            {words.continue}
          </Button>
        )}
        <Button type="button" onClick={onBack}>
          {t.m.securityInfo.back}
        </Button>
      </div>
    </form>
  );
}
