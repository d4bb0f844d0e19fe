// The entry point the HTTP routes and the runtime import (see change/).
export { ChangeFlowService } from './change/change-flow-service';
export type { ChangeFlowServiceDeps } from './change/change-flow-service';
