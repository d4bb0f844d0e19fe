import { pendingMethod } from './method-descriptor';

/** A notification on the authenticator app, approved by typing the number the wizard shows (number matching). */
export const approval = pendingMethod('approval', true, (m) => ({ label: m.methods.approvalLabel, detail: m.methods.approvalDetail, pending: m.approval }));
