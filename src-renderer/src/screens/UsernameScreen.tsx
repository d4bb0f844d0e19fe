import { useRef, useState, type FormEvent } from 'react';
import { Field, Input, Text } from '@fluentui/react-components';
import { UsernameSchema } from '@resetdesk/shared';
import type { CaptchaSolution } from '@resetdesk/shared';
import { CaptchaField } from '../components/CaptchaField';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

export function UsernameScreen() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const start = useResetFlow((s) => s.start);
  // ---- CAPTCHA hook: shown once the server asks for one (components/CaptchaField.tsx) ----
  const captcha = useResetFlow((s) => s.captcha);
  const captchaError = useResetFlow((s) => s.stepError?.code);
  const [captchaSolution, setCaptchaSolution] = useState<CaptchaSolution | undefined>(undefined);
  const [captchaMissing, setCaptchaMissing] = useState(false);
  const [username, setUsername] = useState('');
  const [problem, setProblem] = useState<'required' | 'tooLong' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = UsernameSchema.safeParse(username);
    if (!parsed.success) {
      setProblem(username.trim() === '' ? 'required' : 'tooLong');
      inputRef.current?.focus();
      return;
    }
    setProblem(null);
    const solution = captcha && captchaSolution?.id === captcha.id ? captchaSolution : undefined;
    if (captcha && !solution) {
      setCaptchaMissing(true);
      document.getElementById('captcha-text')?.focus();
      return;
    }
    setCaptchaMissing(false);
    void start(parsed.data, t.language, solution);
  }

  return (
    <ScreenFrame screen="username" heading={t.m.username.heading} step={1}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.m.username.intro}
        </Text>
        <Field
          label={{ children: t.m.username.label, htmlFor: 'username' }}
          hint={t.m.username.hint}
          validationMessage={problem ? t.m.username[problem] : undefined}
          required
        >
          <Input
            id="username"
            name="username"
            ref={inputRef}
            value={username}
            onChange={(_, data) => setUsername(data.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
        </Field>
        {captcha && (
          <CaptchaField
            key={captcha.id}
            challenge={captcha}
            problem={captchaMissing ? 'required' : captchaError === 'CAPTCHA_INVALID' ? 'invalid' : null}
            onSolution={(solution) => {
              setCaptchaSolution(solution);
              if (solution) setCaptchaMissing(false);
            }}
          />
        )}
        <FormActions submitLabel={t.m.app.next} showCancel={false} />
      </form>
    </ScreenFrame>
  );
}
