import { useRef, useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { ManageSecurityInfoStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { AddEmailForm } from '../components/security-info/AddEmailForm';
import { AddPasskeyForm } from '../components/security-info/AddPasskeyForm';
import { AddPhoneForm } from '../components/security-info/AddPhoneForm';
import { AddAuthenticatorAppForm } from '../components/security-info/AddAuthenticatorAppForm';
import { AddQuestionsForm } from '../components/security-info/AddQuestionsForm';
import { ReconfirmPrompt } from '../components/security-info/ReconfirmPrompt';
import { AddApproverForm } from '../components/security-info/ApproverPairing';
import { SecurityInfoList } from '../components/security-info/SecurityInfoList';
import { serverProblem } from '../components/security-info/server-problem';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

type Adding = 'email' | 'phone' | 'questions' | 'totp' | 'approval' | 'passkey' | null;

/**
 * Security info, as Entra's page lists it: the methods (masked), the default, remove, and "add" for each kind this
 * wizard has a form for (the server says which the policy allows, and leaves out a kind of which the person has their
 * one). An add form replaces the buttons until sent. The frame's title says "Security info"; the focused h1 names
 * this page's part of it ("Your methods"), so the two never read the same.
 */
export function ManageSecurityInfoScreen({ step }: { step: ManageSecurityInfoStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [adding, setAdding] = useState<Adding>(null);
  const addButtons = useRef<HTMLDivElement>(null);
  const words = t.m.securityInfo;

  function back() {
    setAdding(null);
    store.setState({ stepError: null });
    // Back to where the person was: the first add button.
    requestAnimationFrame(() => addButtons.current?.querySelector('button')?.focus());
  }

  // Errors of the add forms stand next to their field; the list's own (a removal refused) stand here.
  const listProblem = adding === null ? serverProblem(t, stepError) : undefined;
  // Questions and the authenticator app replace the one the person has: the button says so then.
  const has = (kind: 'questions' | 'totp') => step.methods.some((method) => method.kind === kind);
  return (
    <ScreenFrame screen="manageSecurityInfo" heading={words.heading}>
      <div className={styles.form}>
        {step.reconfirm === true && <ReconfirmPrompt />}
        <Text as="p" className={styles.text}>
          {words.intro}
        </Text>
        {step.methodsRequired > 0 && (
          <Text as="p" className={styles.text}>
            {t.plural(words.required, step.methodsRequired)}
          </Text>
        )}
        <div role="alert">{listProblem && <Text as="p">{listProblem}</Text>}</div>
        {step.methods.length === 0 ? (
          <Text as="p" className={styles.text}>
            {words.none}
          </Text>
        ) : (
          <SecurityInfoList methods={step.methods} />
        )}
        {adding === 'email' && <AddEmailForm onBack={back} />}
        {adding === 'phone' && <AddPhoneForm onBack={back} />}
        {adding === 'questions' && step.questions && <AddQuestionsForm choices={step.questions} onBack={back} />}
        {adding === 'totp' && <AddAuthenticatorAppForm onBack={back} />}
        {adding === 'approval' && <AddApproverForm onBack={back} />}
        {adding === 'passkey' && <AddPasskeyForm onBack={back} />}
        {adding === null && (
          <div className={styles.actions} ref={addButtons} style={{ justifyContent: 'flex-start', flexWrap: 'wrap' }}>
            {step.canAdd.includes('email') && (
              <Button type="button" onClick={() => setAdding('email')}>
                {words.addEmail}
              </Button>
            )}
            {step.canAdd.includes('phone') && (
              <Button type="button" onClick={() => setAdding('phone')}>
                {words.addPhone}
              </Button>
            )}
            {step.canAdd.includes('questions') && step.questions && (
              <Button type="button" onClick={() => setAdding('questions')}>
                {has('questions') ? words.changeQuestions : words.addQuestions}
              </Button>
            )}
            {step.canAdd.includes('totp') && (
              <Button type="button" onClick={() => setAdding('totp')}>
                {has('totp') ? words.replaceTotp : words.addTotp}
              </Button>
            )}
            {step.canAdd.includes('approval') && (
              <Button type="button" onClick={() => setAdding('approval')}>
                {t.m.approverPairing.add}
              </Button>
            )}
            {step.canAdd.includes('passkey') && (
              <Button type="button" onClick={() => setAdding('passkey')}>
                {t.m.passkeyRegistration.add}
              </Button>
            )}
          </div>
        )}
      </div>
      {adding === null && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void store.getState().finishRegistration();
          }}
        >
          <FormActions submitLabel={words.done} showCancel />
        </form>
      )}
    </ScreenFrame>
  );
}
