import { useRef, useState, type FormEvent } from 'react';
import { Field, Input, Text } from '@fluentui/react-components';
import type { AnswerQuestionsStep, SecurityQuestionView } from '@resetdesk/shared';
import { SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n-context';
import type { Translator } from '../i18n/translator';
import { useResetFlow, useResetFlowStore } from '../state/store-context';

function questionText(t: Translator, question: SecurityQuestionView): string {
  const key = SECURITY_QUESTION_KEYS.find((k) => k === question.key);
  return key ? t.m.questions.keys[key] : (question.text ?? '');
}

/** The security questions the server picked; after a rejected set it has picked again, so the fields start empty. */
export function AnswerQuestionsScreen({ step }: { step: AnswerQuestionsStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const given = step.questions.map((q) => ({ questionId: q.id, answer: answers[q.id] ?? '' }));
    if (given.some((g) => g.answer.trim() === '')) {
      setMissing(true);
      firstRef.current?.focus();
      return;
    }
    setMissing(false);
    void store.getState().answerQuestions(given);
  }

  const rejected = stepError?.code === 'ANSWERS_REJECTED';
  return (
    <ScreenFrame screen="answerQuestions" heading={t.m.questions.heading} step={2} gate={{ gate: step.gate, total: step.gatesRequired }}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {t.m.questions.intro}
        </Text>
        {(rejected || missing) && (
          <div role="alert">
            <Text as="p" className={styles.text} weight="semibold">
              {rejected
                ? `${t.m.questions.rejected} ${t.plural(t.m.questions.attemptsLeft, step.attemptsLeft)}`
                : t.m.questions.answerRequired}
            </Text>
          </div>
        )}
        {step.questions.map((question, index) => (
          <Field
            key={question.id}
            label={{ children: questionText(t, question), htmlFor: `answer-${index}` }}
            validationMessage={missing && !(answers[question.id] ?? '').trim() ? t.m.questions.answerRequired : undefined}
            required
          >
            <Input
              id={`answer-${index}`}
              name={`answer-${index}`}
              ref={index === 0 ? firstRef : undefined}
              value={answers[question.id] ?? ''}
              onChange={(_, data) => setAnswers((current) => ({ ...current, [question.id]: data.value }))}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        ))}
        <FormActions submitLabel={t.m.app.next} showCancel />
      </form>
    </ScreenFrame>
  );
}
