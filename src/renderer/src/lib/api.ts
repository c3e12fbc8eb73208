// The renderer's one way to reach the core: the preload bridge inside Electron, otherwise
// fetch + WebSocket to the browser shell. Screens never know which shell they run in.
import type { InputOf, MethodName, ResultOf } from '../../../main/api/contracts';
import type { ApiError, ApiResult } from '../../../main/api/errors-shared';

export type { ApiError, ApiResult, InputOf, MethodName, ResultOf };

export interface CoreEvent {
  type: string;
  payload: unknown;
}

/** The preload's bridge in the desktop shell; the main process keeps the window's session token. */
interface Bridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
}

declare global {
  interface Window {
    fams?: Bridge;
  }
}

const TOKEN_KEY = 'fams.token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
const listeners = new Set<(e: CoreEvent) => void>();

export function getToken(): string | null {
  return token;
}

export function setToken(t: string | null): void {
  token = t;
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
  connectEvents();
}

/** Calls an API method; never throws for API errors (they come back as { ok: false }). */
export async function call<M extends MethodName>(
  method: M,
  input: InputOf<M>,
): Promise<ApiResult<ResultOf<M>>> {
  try {
    if (window.fams) return (await window.fams.call(String(method), input)) as ApiResult<ResultOf<M>>;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`/api/${String(method)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as ApiResult<ResultOf<M>>;
  } catch (err) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'errors.network', params: { detail: String(err) } },
    };
  }
}

/** Like call, but throws ApiFailure on error: for places where a failure ends the action. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function must<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  const r = await call(method, input);
  if (!r.ok) throw new ApiFailure(r.error);
  return r.data;
}

export function onEvent(listener: (e: CoreEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const dispatchEvent = (e: CoreEvent) => {
  for (const l of listeners) l(e);
};

let ws: WebSocket | null = null;
let bridgeOff: (() => void) | null = null;
let retry = 0;

function connectEvents() {
  if (window.fams) {
    bridgeOff ??= window.fams.onEvent(dispatchEvent);
    return;
  }
  ws?.close();
  ws = null;
  if (!token) return;
  const socket = new WebSocket(
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`,
  );
  ws = socket;
  socket.onopen = () => {
    retry = 0;
    socket.send(JSON.stringify({ type: 'auth', token }));
  };
  socket.onmessage = (m) => {
    try {
      dispatchEvent(JSON.parse(String(m.data)) as CoreEvent);
    } catch {
      /* ignore malformed event */
    }
  };
  socket.onclose = (ev) => {
    if (ws !== socket || ev.code === 4401 || !token) return;
    retry = Math.min(retry + 1, 6);
    setTimeout(connectEvents, 500 * 2 ** retry);
  };
}

connectEvents();
