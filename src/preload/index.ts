// The preload: exposes exactly window.fams = { call, onEvent } to the sandboxed renderer, never
// ipcRenderer itself. Built as CommonJS because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

interface FamsEvent {
  type: string;
  payload: unknown;
}

const api = {
  call(method: string, input?: unknown): Promise<unknown> {
    return ipcRenderer.invoke('fams:call', method, input ?? {});
  },
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (event: FamsEvent) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, event: FamsEvent) => listener(event);
    ipcRenderer.on('fams:event', wrapped);
    return () => {
      ipcRenderer.removeListener('fams:event', wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('fams', api);
