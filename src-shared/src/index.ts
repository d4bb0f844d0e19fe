export * from './errors/error-codes';
export * from './password/password-policy';
export * from './password/password-rules';
export * from './api/flow-steps';
export * from './api/http-api';
export * from './ipc/ipc-contract';
export * from './api/abuse-api';
export * from './api/security-questions';
