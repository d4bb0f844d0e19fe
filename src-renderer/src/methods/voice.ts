import { withTarget, type MethodDescriptor } from './method-descriptor';

/** A phone call answered with #: the wizard waits for the server to hear it. */
export const voice = {
  kind: 'voice',
  screen: 'awaitApproval',
  showsNumber: false,
  choice: (t, method) => ({
    label: withTarget(t.m.methods.voiceLabel, method),
    detail: t.format(t.m.methods.voiceDetail, { target: method.maskedTarget }),
  }),
  pendingTexts: (t) => t.m.voice,
} satisfies MethodDescriptor<'voice'>;
