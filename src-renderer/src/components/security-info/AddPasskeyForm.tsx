import { useEffect, useRef, type FormEvent } from 'react';
import { Text } from '@fluentui/react-components';
import { useFormStyles } from '../form-styles';
import { useI18n } from '../../i18n/i18n-context';
import { passkeysCanBeAddedHere } from '../../methods/passkey-create-prompt';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { AddMethodForm } from './AddMethodForm';
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
    <AddMethodForm
      id="add-passkey-heading"
      heading={words.heading}
      headingRef={heading}
      onSubmit={submit}
      {...(possible ? { submitLabel: words.continue } : {})}
      onBack={onBack}
      data={{ 'data-passkey-possible': possible }}
    >
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
    </AddMethodForm>
  );
}
