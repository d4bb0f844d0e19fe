import { pendingMethod } from './method-descriptor';

/** A phone call answered with #: the wizard waits for the server to hear it. */
export const voice = pendingMethod('voice', false, (m) => ({ label: m.methods.voiceLabel, detail: m.methods.voiceDetail, pending: m.voice }));
