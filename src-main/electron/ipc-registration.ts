import { ipcMain } from 'electron';
import { IPC_CHANNELS } from '@resetdesk/shared';
import type { IpcDispatcher } from '../ipc/ipc-dispatcher';

/**
 * Registers exactly the contract's channels, each through the dispatcher (sender check, validation, handler). This
 * file and preload.ts are the only places that touch Electron IPC.
 */
export function registerIpc(dispatcher: IpcDispatcher): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatcher.dispatch(channel, input, {
        senderId: event.sender.id,
        // A frame that is gone has no URL; the guard refuses the empty string.
        senderUrl: event.senderFrame?.url ?? '',
      }),
    );
  }
}
