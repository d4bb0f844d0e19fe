import { contextBridge, ipcRenderer } from 'electron';
import { RESETDESK_BRIDGE_KEY, buildBridge } from '@resetdesk/shared/bridge';

// Runs sandboxed and context-isolated. The page gets one async function per declared operation, never ipcRenderer
// itself, so it cannot reach any other channel or listen to anything.
contextBridge.exposeInMainWorld(
  RESETDESK_BRIDGE_KEY,
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
