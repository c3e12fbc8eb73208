// IPC transport for the desktop shell: one 'fams:call' channel into dispatch and one 'fams:event'
// channel out. Knows nothing about domains; refuses calls from any frame that is not our page.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core';
import type { ApiResult } from '../api/errors-shared';
import { isTrustedRendererUrl, WindowSession, type TrustedOrigins } from './ipc-guard';

export const CALL_CHANNEL = 'fams:call';
export const EVENT_CHANNEL = 'fams:event';

const refused: ApiResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'errors.forbidden' } };

/** Wires the window to the core; returns a function that unwires it. */
export function attachIpc(core: Core, win: BrowserWindow, trusted: TrustedOrigins): () => void {
  const session = new WindowSession();

  const isOurs = (event: IpcMainInvokeEvent): boolean => {
    if (win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    // Only the top frame of our page: an iframe (there should be none) never gets the door.
    return !!frame && frame === win.webContents.mainFrame && isTrustedRendererUrl(frame.url, trusted);
  };

  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, input: unknown): ApiResult<unknown> => {
    if (!isOurs(event)) {
      console.warn(`[ipc] refused a call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return refused;
    }
    if (typeof method !== 'string') {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: 'errors.unknownMethod', params: { method } },
      };
    }
    const result = core.dispatch({ token: session.token, source: 'desktop' }, method, input);
    session.observe(method, result);
    return result;
  });

  const off = core.events.on((e) => {
    if (win.isDestroyed() || !session.wants(e.userId)) return;
    win.webContents.send(EVENT_CHANNEL, { type: e.type, payload: e.payload });
  });

  return () => {
    off();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
