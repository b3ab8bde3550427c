import { contextBridge, ipcRenderer } from 'electron';

// The only door from the renderer to main: one invoke and one subscribe (see src/shared/api).
contextBridge.exposeInMainWorld('budgetDesk', {
  invoke: (method: string, args: unknown) => ipcRenderer.invoke('api', method, args),
  subscribe: (listener: (event: string, payload: unknown) => void) => {
    const handler = (_e: unknown, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on('event', handler);
    return () => ipcRenderer.off('event', handler);
  },
});
