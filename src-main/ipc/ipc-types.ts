import type { z } from 'zod';
import type { IpcChannel, IpcContract, IpcOutput, Result } from '@resetdesk/shared';

/** Who sent an IPC call: the webContents id (the key of its flow token) and the URL of the sending frame. */
export interface IpcContext {
  senderId: number;
  senderUrl: string;
}

/** A channel's input after the dispatcher validated it with the contract (trimmed, defaults applied). */
export type IpcParsedInput<C extends IpcChannel> = z.output<IpcContract[C]['input']>;

export type IpcHandler<C extends IpcChannel> = (input: IpcParsedInput<C>, ctx: IpcContext) => Promise<IpcOutput<C>>;

export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

export type IpcResult = Result<unknown>;
