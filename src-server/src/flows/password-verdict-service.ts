// The entry point the HTTP routes and the runtime import (see reset/).
export { PasswordVerdictService } from './reset/password-verdict-service';
export type { PasswordVerdictDeps } from './reset/password-verdict-service';
