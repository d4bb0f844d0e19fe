/**
 * Every operation's one name: the IPC channel, the preload bridge's function, the backend client's operation and the
 * renderer's ResetApi method. Kept free of zod so that the preload and the renderer's first chunk can list the names
 * without loading any schema; operations.ts declares each one and fails the typecheck if this list and it disagree.
 */
export const OPERATION_NAMES = [
  'startReset',
  'startUnlock',
  'startChange',
  'chooseMethod',
  'verifyCode',
  'getFlow',
  'answerQuestions',
  'checkDecision',
  'verifyPasskey',
  'setPassword',
  'checkPassword',
  'changePassword',
  'cancelFlow',
  'getCaptcha',
  'requestHelp',
  'getAppInfo',
  'getPublicConfig',
  'startRegistration',
  'signIn',
  'beginRegistration',
  'confirmRegistration',
  'removeSecurityInfo',
  'setDefaultMethod',
  'showSecurityInfo',
  'finishRegistration',
  'signInWithTap',
  'continueToSecurityInfo',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (OPERATION_NAMES as readonly string[]).includes(name);
}
