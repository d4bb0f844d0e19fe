import type { MethodDescriptor } from './method-descriptor';

/** Security questions set up earlier; their texts are the question keys' (AnswerQuestionsScreen). */
export const questions = {
  kind: 'questions',
  screen: 'answerQuestions',
  choice: (t) => ({ label: t.m.methods.questionsLabel, detail: t.m.methods.questionsDetail }),
} satisfies MethodDescriptor<'questions'>;
