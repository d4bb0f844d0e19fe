import type { OperationName, OperationOutput, ParsedOperationInput, Result } from '@resetdesk/shared';

/** Who sent an IPC call: the webContents id (the key of its flow token) and the URL of the sending frame. */
export interface IpcContext {
  senderId: number;
  senderUrl: string;
}

/** An operation's handler: gets the input the dispatcher validated (trimmed, defaults applied). */
export type IpcHandler<N extends OperationName> = (
  input: ParsedOperationInput<N>,
  ctx: IpcContext,
) => Promise<Result<OperationOutput<N>>>;

export type IpcHandlers = { [N in OperationName]: IpcHandler<N> };

export type IpcResult = Result<unknown>;
