import { targetChoice, type MethodDescriptor } from './method-descriptor';

/** A notification on the authenticator app, approved by typing the number the wizard shows (number matching). */
export const approval = {
  kind: 'approval',
  screen: 'awaitApproval',
  showsNumber: true,
  choice: (t, method) => targetChoice(t, method, t.m.methods.approvalLabel, t.m.methods.approvalDetail),
  pendingTexts: (t) => t.m.approval,
} satisfies MethodDescriptor<'approval'>;
