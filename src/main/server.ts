// The browser shell: the same core behind HTTP + WebSocket, serving the built renderer.
// Bound to 127.0.0.1 unless LAN access is turned on in settings.
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore, type Core, type CoreOptions } from './core';
import { createHttpServer } from './transport/http';
import { makeSessionResolver } from './modules/users/accounts';
import { getSetting } from './db/kv';

export interface ServerOptions extends CoreOptions {
  port?: number;
  /** Overrides the LAN setting (tests). */
  host?: string;
  staticDir?: string;
}

export interface RunningServer {
  core: Core;
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export function defaultStaticDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [
    resolve(here, '../../out/renderer'),
    resolve(here, '../renderer'),
    resolve(process.cwd(), 'out/renderer'),
  ]) {
    if (existsSync(resolve(c, 'index.html'))) return c;
  }
  return undefined;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const core = startCore(opts);
  const lan = getSetting<boolean>(core.services.sqlite, 'network.lanAccess') === true;
  const host = opts.host ?? (lan ? '0.0.0.0' : '127.0.0.1');
  const resolveSession = makeSessionResolver(core.services.sqlite, core.services.now);
  const server = createHttpServer({
    dispatch: core.dispatch,
    events: core.events,
    resolveSession: (t) => resolveSession(t, 'browser'),
    staticDir: opts.staticDir ?? defaultStaticDir(),
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 0, host, () => res());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    core,
    port,
    host,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    async close() {
      await new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections();
      });
      await core.close();
    },
  };
}
