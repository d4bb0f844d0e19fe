import { useEffect } from 'react';
import { useI18n } from './i18n/i18n-context';
import { AnswerQuestionsScreen } from './screens/AnswerQuestionsScreen';
import { ApprovalScreen } from './screens/ApprovalScreen';
import { ChangePasswordScreen } from './screens/ChangePasswordScreen';
import { ChooseMethodScreen } from './screens/ChooseMethodScreen';
import { DoneScreen } from './screens/DoneScreen';
import { EnterCodeScreen } from './screens/EnterCodeScreen';
import { ErrorScreen } from './screens/ErrorScreen';
import { NewPasswordScreen } from './screens/NewPasswordScreen';
import { UsernameScreen } from './screens/UsernameScreen';
import { VoiceCallScreen } from './screens/VoiceCallScreen';
import { useFlowExpiry } from './state/use-flow-expiry';
import { useResetFlow, useResetFlowStore } from './state/store-context';

/** Renders exactly the step the server asked for; the `key` remounts a screen (and refocuses its heading) per step. */
export function App() {
  const { t } = useI18n();
  const store = useResetFlowStore();
  const flow = useResetFlow((s) => s.flow);
  const error = useResetFlow((s) => s.error);
  useFlowExpiry(store);

  useEffect(() => {
    document.documentElement.lang = t.language;
  }, [t.language]);

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
      return step.method.kind === 'voice' ? (
        <VoiceCallScreen key={`voice-${step.gate}-${step.expiresAt}`} step={step} />
      ) : (
        <ApprovalScreen key={`approval-${step.gate}-${step.expiresAt}`} step={step} />
      );
    case 'newPassword':
      return <NewPasswordScreen key="newPassword" step={step} />;
    case 'changePassword':
      return <ChangePasswordScreen key="changePassword" step={step} />;
    case 'done':
      return <DoneScreen key="done" />;
  }
}
