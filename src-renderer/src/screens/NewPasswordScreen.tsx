import type { FormEvent } from 'react';
import type { NewPasswordStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { NewPasswordFields, useNewPasswordForm } from '../components/NewPasswordFields';
import { PasswordRejection } from '../components/PasswordRejection';
import { ScreenFrame } from '../components/ScreenFrame';
import { ServerVerdict } from '../components/ServerVerdict';
import { StrengthMeter } from '../components/StrengthMeter';
import { useServerVerdict } from '../state/use-server-verdict';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

const VERDICT_ID = 'new-password-verdict';

export function NewPasswordScreen({ step }: { step: NewPasswordStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const setPassword = useResetFlow((s) => s.setPassword);
  const stepError = useResetFlow((s) => s.stepError);
  const newPassword = useNewPasswordForm(step.policy, step.userNames);
  // Once the shared rules pass, the server says whether the banned and breached lists agree (as the person types).
  const verdict = useServerVerdict(newPassword.form.password, newPassword.form.evaluation.ok);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.form.validate()) void setPassword(newPassword.form.password);
  }

  return (
    <ScreenFrame screen="newPassword" heading={t.m.newPassword.heading} step={3}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <NewPasswordFields
          {...newPassword}
          idPrefix="new-password"
          labels={t.m.newPassword}
          serverMessage={stepError?.code === 'PASSWORD_REJECTED' ? <PasswordRejection error={stepError} /> : undefined}
          describedBy={[VERDICT_ID]}
          afterHints={
            <>
              {/* zxcvbn does not know the organisation's lists: once the server refuses, its meter would only mislead. */}
              {verdict.kind === 'verdict' && !verdict.verdict.ok ? null : (
                <StrengthMeter password={newPassword.form.password} userNames={step.userNames} />
              )}
              <ServerVerdict id={VERDICT_ID} state={verdict} />
            </>
          }
        />
        <FormActions submitLabel={t.m.newPassword.submit} showCancel />
      </form>
    </ScreenFrame>
  );
}
