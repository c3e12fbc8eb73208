// The desktop shell's trust rules, kept free of electron so they can be tested on plain Node:
// which renderer URLs may call the core, and which session token a window holds.
import { fileURLToPath } from 'node:url';
import { relative, isAbsolute, resolve } from 'node:path';

export interface TrustedOrigins {
  /** Folder of the built renderer (out/renderer); file:// pages inside it are ours. */
  rendererDir: string;
  /** electron-vite dev server URL (ELECTRON_RENDERER_URL), only while developing. */
  devUrl?: string;
}

/** True when a frame URL is the app's own page: a file inside the renderer folder, or the dev server. */
export function isTrustedRendererUrl(url: string, trusted: TrustedOrigins): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    let path: string;
    try {
      path = fileURLToPath(parsed);
    } catch {
      return false;
    }
    const rel = relative(resolve(trusted.rendererDir), resolve(path));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }
  if (!trusted.devUrl) return false;
  try {
    return parsed.origin === new URL(trusted.devUrl).origin;
  } catch {
    return false;
  }
}

/** Only https links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string } };

/**
 * The window's session token lives in the main process: the renderer never has to send it, a
 * reload keeps the user signed in, and events are filtered by the user it belongs to.
 */
export class WindowSession {
  token: string | null = null;
  userId: number | null = null;

  /** Updates the held token from the outcome of a call. */
  observe(method: string, result: Envelope): void {
    if (result.ok && (method === 'auth.login' || method === 'system.setup')) {
      const data = result.data as { token?: unknown; user?: { id?: unknown } } | null;
      if (data && typeof data.token === 'string') {
        this.token = data.token;
        this.userId = typeof data.user?.id === 'number' ? data.user.id : null;
      }
      return;
    }
    if ((result.ok && method === 'auth.logout') || (!result.ok && result.error.code === 'UNAUTHENTICATED')) {
      this.token = null;
      this.userId = null;
    }
  }

  /** Events without a user go to every signed-in or not window; the rest only to their user. */
  wants(eventUserId: number | undefined): boolean {
    return eventUserId === undefined || (this.userId !== null && eventUserId === this.userId);
  }
}
