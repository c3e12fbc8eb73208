// HTTP + WebSocket transport for the browser shell. Knows nothing about domains: POST
// /api/<method> goes to dispatch with the bearer token, events go out on /api/events, and the
// built renderer is served as static files (never anything outside its folder).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../api/dispatch';
import type { EventHub } from '../events';
import type { Session } from '../api/session';

export interface HttpOptions {
  dispatch: Dispatch;
  events: EventHub;
  resolveSession(token: string | null): Session | null;
  /** Folder of the built renderer; when absent only the API is served. */
  staticDir?: string;
  /** Login attempts allowed per address per minute. */
  loginRatePerMinute?: number;
  maxBodyBytes?: number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(json);
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}
  allow(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) return reject(new BodyTooLarge());
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        // Stop keeping the bytes; the 413 goes out and the connection is closed after it.
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Resolves a URL path inside root, or null when it would escape it. */
export function safeStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, '.' + normalize('/' + decoded));
  return full === base || full.startsWith(base + sep) ? full : null;
}

export function createHttpServer(opts: HttpOptions): Server {
  const limiter = new RateLimiter(opts.loginRatePerMinute ?? 10);
  const maxBody = opts.maxBodyBytes ?? 40 * 1024 * 1024;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('[http]', err);
      if (!res.headersSent)
        send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'errors.internal' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    if (path === '/api/health' && req.method === 'GET') {
      return send(res, 200, { ok: true, data: { status: 'ok', time: new Date().toISOString() } });
    }
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST')
        return send(res, 405, {
          ok: false,
          error: { code: 'VALIDATION', message: 'errors.methodNotAllowed' },
        });
      const method = path.slice(5);
      const ip = req.socket.remoteAddress ?? '';
      if (method === 'auth.login' && !limiter.allow(ip)) {
        return send(res, 429, { ok: false, error: { code: 'RATE_LIMITED', message: 'errors.rateLimited' } });
      }
      let input: unknown = {};
      try {
        const body = await readBody(req, maxBody);
        input = body ? (JSON.parse(body) as unknown) : {};
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          res.once('finish', () => req.destroy());
          res.setHeader('connection', 'close');
          return send(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'errors.bodyTooLarge' } });
        }
        return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'errors.badJson' } });
      }
      const result = opts.dispatch({ token: bearer(req), source: 'browser', ip }, method, input);
      // The door's refusals carry an HTTP status; domain answers (validation, conflict, bad
      // credentials, ...) are 200 with ok:false, as over IPC, so browsers don't log them as failures.
      const status = result.ok
        ? 200
        : ((
            {
              UNKNOWN_METHOD: 404,
              UNAUTHENTICATED: 401,
              FORBIDDEN: 403,
              RATE_LIMITED: 429,
              DB_CORRUPT: 503,
              INTERNAL: 500,
            } as Record<string, number>
          )[result.error.code] ?? 200);
      return send(res, status, result);
    }
    if (!opts.staticDir)
      return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'errors.notFound' } });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let file = safeStaticPath(opts.staticDir, path);
    if (!file) {
      res.writeHead(400).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Client-side routes fall back to the app; missing assets stay 404.
      if (extname(path)) {
        res.writeHead(404).end();
        return;
      }
      file = join(opts.staticDir, 'index.html');
    }
    const ext = extname(file);
    res.writeHead(200, {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  // Events: the client opens /api/events and sends {"type":"auth","token":...} first; no cookies,
  // and no token in the URL where logs would keep it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  // Each socket keeps its token so the session is re-checked (at most every 2 s) before events go
  // out: a signed-out or deactivated user stops receiving events.
  const clients = new Map<WebSocket, { session: Session; token: string; checkedAt: number }>();
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/api/events') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const timer = setTimeout(() => ws.close(4401, 'auth timeout'), 10_000);
      ws.once('message', (raw) => {
        clearTimeout(timer);
        let token: string | null = null;
        try {
          const msg = JSON.parse(String(raw)) as { type?: string; token?: string };
          if (msg.type === 'auth' && typeof msg.token === 'string') token = msg.token;
        } catch {
          /* fall through: refused below */
        }
        const session = opts.resolveSession(token);
        if (!session) return ws.close(4401, 'unauthenticated');
        clients.set(ws, { session, token: token!, checkedAt: Date.now() });
        ws.send(JSON.stringify({ type: 'ready', payload: { userId: session.userId } }));
      });
      ws.on('close', () => clients.delete(ws));
    });
  });
  const off = opts.events.on((e) => {
    const data = JSON.stringify({ type: e.type, payload: e.payload });
    const now = Date.now();
    for (const [ws, c] of clients) {
      if (now - c.checkedAt > 2000) {
        const fresh = opts.resolveSession(c.token);
        if (!fresh) {
          clients.delete(ws);
          ws.close(4401, 'unauthenticated');
          continue;
        }
        c.session = fresh;
        c.checkedAt = now;
      }
      if (e.userId === undefined || e.userId === c.session.userId) ws.send(data);
    }
  });
  server.on('close', () => {
    off();
    for (const ws of clients.keys()) ws.terminate();
    wss.close();
  });
  return server;
}
