import type { MethodDescriptor } from './method-descriptor';

/**
 * A passkey: the wizard asks the browser for it (screens/UsePasskeyScreen.tsx, methods/passkey-prompt.ts). Nothing is
 * sent and nothing is masked: the chooser names only the method.
 */
export const passkey = {
  kind: 'passkey',
  screen: 'usePasskey',
  choice: (t) => ({ label: t.m.methods.passkeyLabel, detail: t.m.methods.passkeyDetail }),
} satisfies MethodDescriptor<'passkey'>;
