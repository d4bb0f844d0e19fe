// The entry point the HTTP routes and the runtime import; the flow kinds live in engine/, verification/, reset/,
// unlock/ and change/.
export { ResetFlowService } from './reset/reset-flow-service';
export type { ResetFlowServiceDeps } from './reset/reset-flow-service';
export type { RequestContext } from './engine/request-context';
