import { Fragment, Suspense, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { languageInfo } from '@resetdesk/shared/languages';
import { useIdleTimeout } from './state/use-idle-timeout';
import { useI18n } from './i18n/i18n-context';
import { detectLanguage } from './i18n/translator';
import {
  AnswerQuestionsScreen,
  AwaitDecisionScreen,
  ChangePasswordScreen,
  ChooseMethodScreen,
  ConfirmRegistrationScreen,
  DoneScreen,
  EnterCodeScreen,
  ErrorScreen,
  IdleCountdown,
  ManageSecurityInfoScreen,
  NewPasswordScreen,
  SecurityInfoSignInScreen,
  SecurityInfoRequiredScreen,
  preloadLaterScreens,
  UsePasskeyScreen,
} from './screens/lazy-screens';
import { UsernameScreen } from './screens/UsernameScreen';
import { useFlowExpiry } from './state/use-flow-expiry';
import { useResetFlow, useResetFlowStore } from './state/store-context';
import type { ResetFlowState } from './state/reset-flow-store';

/** Renders exactly the step the server asked for; the `key` remounts a screen (and refocuses its heading) per step. */
export function App() {
  const { t, setLanguage } = useI18n();
  const store = useResetFlowStore();
  const flow = useResetFlow((s) => s.flow);
  const error = useResetFlow((s) => s.error);
  useFlowExpiry(store);
  const idleTimeoutSeconds = useResetFlow((s) => s.appInfo?.idleTimeoutSeconds);
  // The configured language (installer, policy) replaces the browser's guess once the app's settings arrive.
  const configuredLocale = useResetFlow((s) => s.appInfo?.locale);
  useEffect(() => {
    if (configuredLocale !== undefined) setLanguage(detectLanguage([configuredLocale]));
  }, [configuredLocale, setLanguage]);
  // Idle: cancel the flow (the main process forgets its token) and unmount every screen, so nothing typed survives.
  const [wipes, setWipes] = useState(0);
  const wipe = useCallback(() => {
    setWipes((n) => n + 1);
    void store.getState().startOver();
    void navigator.clipboard?.writeText('').catch(() => undefined);
  }, [store]);
  const idle = useIdleTimeout(idleTimeoutSeconds, wipe);

  useEffect(() => {
    document.documentElement.lang = t.language;
    document.documentElement.dir = languageInfo(t.language).direction;
  }, [t.language]);

  // Only once the first screen is on screen and takes typing: the settings request (which loads the API client and
  // its schemas) and then every later screen's chunk, so none of it delays the first paint.
  useEffect(() => afterFirstPaint(() => void store.getState().loadAppInfo().finally(() => void preloadLaterScreens())), [store]);

  return (
    <>
      {/* A new key after each wipe remounts the screen, so even text typed but never sent is gone. */}
      <Fragment key={wipes}>
        <Suspense fallback={null}>{renderScreen(flow, error)}</Suspense>
      </Fragment>
      {idle.secondsLeft !== null && (
        <Suspense fallback={null}>
          <IdleCountdown secondsLeft={idle.secondsLeft} onStay={idle.stay} />
        </Suspense>
      )}
    </>
  );
}

/**
 * Runs `work` in a task of its own after the first render's effects, once the browser has had the chance to paint and
 * take input: what it loads then never stands between a person and the User ID field. A message, not a timer or an
 * animation frame, so that a paused or faked clock (tests, a throttled background tab) never holds it back.
 * Returns the cleanup for useEffect.
 */
function afterFirstPaint(work: () => void): () => void {
  // Background priority where the browser has the Prioritized Task Scheduling API (Chromium, so Electron): the work
  // then waits behind rendering and input, not just behind the current task.
  const postTask = (globalThis as { scheduler?: { postTask?: (task: () => void, options: object) => Promise<unknown> } })
    .scheduler?.postTask;
  if (postTask) {
    let cancelled = false;
    void postTask
      .call((globalThis as { scheduler?: object }).scheduler, () => {
        if (!cancelled) work();
      }, { priority: 'background' })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => work();
  channel.port2.postMessage(null);
  return () => channel.port1.close();
}

/** Exactly the step the server asked for. */
function renderScreen(flow: ResetFlowState['flow'], error: ResetFlowState['error']): ReactElement {
  if (error) return <ErrorScreen key={`error-${error.code}`} error={error} />;
  if (!flow) return <UsernameScreen key="username" />;
  const { step } = flow;
  switch (step.kind) {
    case 'chooseMethod':
      return <ChooseMethodScreen key={`chooseMethod-${step.gate}`} step={step} />;
    case 'enterCode':
      return <EnterCodeScreen key={`enterCode-${step.gate}-${step.method.id}`} step={step} />;
    case 'answerQuestions':
      // Keyed by the questions asked: a new set after a rejected one starts with empty fields.
      return (
        <AnswerQuestionsScreen
          key={`answerQuestions-${step.gate}-${step.questions.map((q) => q.id).join('-')}`}
          step={step}
        />
      );
    case 'awaitApproval':
      return <AwaitDecisionScreen key={`${step.method.kind}-${step.gate}-${step.expiresAt}`} step={step} />;
    case 'usePasskey':
      return <UsePasskeyScreen key={`usePasskey-${step.gate}-${step.options.challenge}`} step={step} />;
    case 'newPassword':
      return <NewPasswordScreen key="newPassword" step={step} />;
    case 'changePassword':
      return <ChangePasswordScreen key="changePassword" step={step} />;
    case 'signIn':
      return <SecurityInfoSignInScreen key="signIn" />;
    case 'manageSecurityInfo': {
      // Keyed by the list: after each change the screen starts afresh (and its heading takes focus again).
      const listed = step.methods.map((m) => m.id + m.isDefault).join();
      return <ManageSecurityInfoScreen key={`manage-${listed}`} step={step} />;
    }
    case 'confirmRegistration': {
      const { proof } = step;
      const opened = proof.kind === 'approval' || proof.kind === 'passkey' ? proof.expiresAt : proof.codeExpiresAt;
      return <ConfirmRegistrationScreen key={`confirm-${step.method}-${opened}`} step={step} />;
    }
    case 'securityInfoRequired':
      return <SecurityInfoRequiredScreen key="securityInfoRequired" step={step} />;
    case 'done':
      return <DoneScreen key="done" />;
  }
}
