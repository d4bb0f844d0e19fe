import { targetChoice, type MethodDescriptor } from './method-descriptor';

/** A phone call answered with #: the wizard waits for the server to hear it. */
export const voice = {
  kind: 'voice',
  screen: 'awaitApproval',
  showsNumber: false,
  choice: (t, method) => targetChoice(t, method, t.m.methods.voiceLabel, t.m.methods.voiceDetail),
  pendingTexts: (t) => t.m.voice,
} satisfies MethodDescriptor<'voice'>;
