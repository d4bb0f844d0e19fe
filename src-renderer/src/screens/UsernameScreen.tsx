import { useRef, useState, type FormEvent } from 'react';
import { Field, Input, Link, makeStyles, Text } from '@fluentui/react-components';
import { UsernameSchema } from '@resetdesk/shared';
import type { CaptchaSolution, FlowKind } from '@resetdesk/shared';
import { CaptchaField } from '../components/CaptchaField';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

const useStyles = makeStyles({
  options: { display: 'flex', flexDirection: 'column', gap: '4px' },
  list: { listStyleType: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: '8px' },
  link: { textAlign: 'start' },
});

/**
 * The first screen, like the Windows sign-in page: the user ID, then one link per thing a person comes for, so the
 * first click starts the right flow. "Next" (or Enter) is the reset, as on the Entra lock-screen link. "Change
 * password" is offered only where the policy allows it; "unlock" is always offered, and the server explains when the
 * policy does not allow it.
 */
export function UsernameScreen() {
  const { t } = useI18n();
  const styles = useFormStyles();
  const local = useStyles();
  const store = useResetFlowStore();
  const changeAllowed = useResetFlow((s) => s.appInfo?.changeAllowed === true);
  const userIdDomain = useResetFlow((s) => s.appInfo?.userIdDomain);
  // ---- CAPTCHA hook: shown once the server asks for one (components/CaptchaField.tsx) ----
  const captcha = useResetFlow((s) => s.captcha);
  const captchaError = useResetFlow((s) => s.stepError?.code);
  const [captchaSolution, setCaptchaSolution] = useState<CaptchaSolution | undefined>(undefined);
  const [captchaMissing, setCaptchaMissing] = useState(false);
  const [username, setUsername] = useState('');
  const [problem, setProblem] = useState<'required' | 'tooLong' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function begin(kind: FlowKind) {
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
    const state = store.getState();
    const start = kind === 'unlock' ? state.startUnlock : kind === 'change' ? state.startChange : state.start;
    void start(parsed.data, t.language, solution);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    begin('reset');
  }

  return (
    <ScreenFrame screen="username" heading={t.m.username.heading} step={1}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.m.username.intro}
        </Text>
        <Field
          label={{ children: t.m.username.label, htmlFor: 'username' }}
          hint={userIdDomain ? t.format(t.m.username.hint, { domain: userIdDomain }) : t.m.username.hintNoDomain}
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
      <nav aria-labelledby="sign-in-options" className={local.options}>
        <Text as="p" size={200} weight="semibold" id="sign-in-options" className={styles.text}>
          {t.m.signIn.optionsLabel}
        </Text>
        <ul className={local.list}>
          <li>
            <Link as="button" type="button" className={local.link} onClick={() => begin('reset')}>
              {t.m.signIn.resetPassword}
            </Link>
          </li>
          <li>
            <Link as="button" type="button" className={local.link} onClick={() => begin('unlock')}>
              {t.m.signIn.unlockAccount}
            </Link>
          </li>
          {changeAllowed && (
            <li>
              <Link as="button" type="button" className={local.link} onClick={() => begin('change')}>
                {t.m.signIn.changePassword}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </ScreenFrame>
  );
}
