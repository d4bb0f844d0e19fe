import { Suspense, useRef, useState, type FormEvent } from 'react';
import type { CaptchaSolution, FlowKind } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { ScreenFrame } from '../components/ScreenFrame';
import { CaptchaField } from './lazy-screens';
import { checkUsername } from './username-check';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

/**
 * The first screen, like the Windows sign-in page: the user ID, then one link per thing a person comes for, so the
 * first click starts the right flow. "Next" (or Enter) is the reset, as on the Entra lock-screen link. "Change
 * password" is offered only where the policy allows it; "unlock" is always offered, and the server explains when the
 * policy does not allow it.
 *
 * Plain elements styled by global.css, no Fluent and no zod: this screen must be usable as soon as React has run (the
 * CAPTCHA, rarely needed, loads with Fluent in its own chunk).
 */
export function UsernameScreen() {
  const { t } = useI18n();
  const store = useResetFlowStore();
  const changeAllowed = useResetFlow((s) => s.appInfo?.changeAllowed === true);
  const registrationAllowed = useResetFlow((s) => s.appInfo?.registrationAllowed === true);
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
    const parsed = checkUsername(username);
    if (!parsed.ok) {
      setProblem(parsed.problem);
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
    const starts = { reset: state.startReset, unlock: state.startUnlock, change: state.startChange };
    const start = kind === 'register' ? state.startRegistration : starts[kind];
    void start(parsed.username, t.language, solution);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    begin('reset');
  }

  // Why the CAPTCHA appeared. After a wrong answer the field's own message says so instead (an alert, and read again
  // with the new field that takes focus), so it is not said twice.
  const captchaNotice = captcha && captchaError !== 'CAPTCHA_INVALID' ? t.m.captcha.whyShown : '';
  const describedBy = problem ? 'username-hint username-problem' : 'username-hint';

  return (
    <ScreenFrame screen="username" heading={t.m.username.heading} step={1}>
      <form className="rd-form" onSubmit={submit} noValidate>
        <p className="rd-text">{t.m.username.intro}</p>
        <div className="rd-field">
          <label className="rd-label" htmlFor="username">
            {t.m.username.label}
            <span className="rd-required" aria-hidden="true">
              *
            </span>
          </label>
          <input
            id="username"
            name="username"
            className="rd-input"
            ref={inputRef}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
          {problem && (
            <p id="username-problem" className="rd-error" role="alert">
              {t.m.username[problem]}
            </p>
          )}
          <p id="username-hint" className="rd-hint">
            {userIdDomain ? t.format(t.m.username.hint, { domain: userIdDomain }) : t.m.username.hintNoDomain}
          </p>
        </div>
        {/* Always in the page, so that screen readers announce the text when the CAPTCHA appears. */}
        <p role="status" aria-live="polite" className="rd-visually-hidden" data-captcha-notice>
          {captchaNotice}
        </p>
        {captcha && (
          <Suspense fallback={null}>
            <CaptchaField
              key={captcha.id}
              challenge={captcha}
              problem={captchaMissing ? 'required' : captchaError === 'CAPTCHA_INVALID' ? 'invalid' : null}
              onSolution={(solution) => {
                setCaptchaSolution(solution);
                if (solution) setCaptchaMissing(false);
              }}
            />
          </Suspense>
        )}
        <FormActions submitLabel={t.m.app.next} showCancel={false} />
      </form>
      <nav aria-labelledby="sign-in-options" className="rd-options">
        <p id="sign-in-options" className="rd-text rd-small" style={{ fontWeight: 600 }}>
          {t.m.signIn.optionsLabel}
        </p>
        <ul className="rd-option-list">
          <li>
            <button type="button" className="rd-link" onClick={() => begin('reset')}>
              {t.m.signIn.resetPassword}
            </button>
          </li>
          <li>
            <button type="button" className="rd-link" onClick={() => begin('unlock')}>
              {t.m.signIn.unlockAccount}
            </button>
          </li>
          {changeAllowed && (
            <li>
              <button type="button" className="rd-link" onClick={() => begin('change')}>
                {t.m.signIn.changePassword}
              </button>
            </li>
          )}
          {registrationAllowed && (
            <li>
              <button type="button" className="rd-link" onClick={() => begin('register')}>
                {t.m.signIn.setUpSecurityInfo}
              </button>
            </li>
          )}
        </ul>
      </nav>
    </ScreenFrame>
  );
}
