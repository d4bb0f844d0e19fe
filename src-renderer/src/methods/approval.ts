import { withTarget, type MethodDescriptor } from './method-descriptor';

/** A notification on the authenticator app, approved by typing the number the wizard shows (number matching). */
export const approval = {
  kind: 'approval',
  screen: 'awaitApproval',
  showsNumber: true,
  choice: (t, method) => ({
    label: withTarget(t.m.methods.approvalLabel, method),
    detail: t.format(t.m.methods.approvalDetail, { target: method.maskedTarget }),
  }),
  pendingTexts: (t) => t.m.approval,
} satisfies MethodDescriptor<'approval'>;
