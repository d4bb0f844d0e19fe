import { ipcMain } from 'electron';
import { OPERATION_NAMES } from '@resetdesk/shared/operation-names';
import type { IpcDispatcher } from '../ipc/ipc-dispatcher';

/**
 * Registers exactly the declared operations (each name is its channel), each through the dispatcher (sender check,
 * validation, handler). This
 * file and preload.ts are the only places that touch Electron IPC.
 */
export function registerIpc(dispatcher: IpcDispatcher): void {
  for (const channel of OPERATION_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatcher.dispatch(channel, input, {
        senderId: event.sender.id,
        // A frame that is gone has no URL; the guard refuses the empty string.
        senderUrl: event.senderFrame?.url ?? '',
      }),
    );
  }
}
