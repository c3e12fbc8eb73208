// The browser shell over real HTTP: health, bearer calls, status codes, login rate limit, body
// limits, static files that never leave their folder, the bind address, and no cookies ever.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/main/server';
import { setSetting } from '../../src/main/db/kv';
import { ADMIN_PASSWORD, makeTempDir } from '../helpers/core';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const seenHeaders: Reply['headers'][] = [];

/** A raw request: the path goes on the wire exactly as given (no URL normalisation, unlike fetch). */
function send(
  port: number,
  path: string,
  opts: { method?: string; body?: string | Buffer; headers?: Record<string, string>; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: opts.host ?? '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          seenHeaders.push(res.headers);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function post(port: number, method: string, input: unknown, token?: string): Promise<Reply> {
  return send(port, `/api/${method}`, {
    method: 'POST',
    body: JSON.stringify(input),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

const SECRET = 'TOP-SECRET-6f1c2a';
let root: string;
let staticDir: string;
let s: RunningServer;
const INDEX = '<!doctype html><title>FAMS</title><div id="app"></div>';

beforeAll(async () => {
  root = makeTempDir('fams-http-');
  staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // Things a traversal would love to reach: a file beside the static folder and the data folder.
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'static-secret.txt'), SECRET);
  s = await startServer({ dataDir: join(root, 'data'), adminPassword: ADMIN_PASSWORD, staticDir, port: 0 });
});

afterAll(async () => {
  await s?.close();
  rmSync(root, { recursive: true, force: true });
  // Checked here so every response of the file counts, including the rate-limited ones.
  expect(seenHeaders.length).toBeGreaterThan(20);
  for (const h of seenHeaders) expect(h['set-cookie']).toBeUndefined();
});

describe('API over HTTP', () => {
  it('answers GET /api/health without a session', async () => {
    const r = await send(s.port, '/api/health');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { status: 'ok' } });
    expect(r.headers['content-type']).toMatch(/application\/json/);
  });

  it('signs in and then calls with the bearer token', async () => {
    const login = await post(s.port, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const { data } = JSON.parse(login.body) as { data: { token: string; user: { username: string } } };
    expect(data.user.username).toBe('admin');
    const me = await post(s.port, 'auth.me', {}, data.token);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, data: { username: 'admin', roles: ['admin'] } });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('answers 401 UNAUTHENTICATED without a token, with a forged one, and with a malformed header', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer forged-token-123' },
      { authorization: 'Basic YWRtaW46eA==' },
    ];
    for (const headers of variants) {
      const r = await send(s.port, '/api/auth.me', { method: 'POST', body: '{}', headers });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('answers 404 for an unknown method, also for prototype names', async () => {
    for (const m of ['nope.nothing', '__proto__', 'constructor', 'toString']) {
      const r = await post(s.port, m, {});
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('refuses bad JSON with 400 and GET on a method with 405', async () => {
    const bad = await send(s.port, '/api/auth.login', { method: 'POST', body: '{"username": "admin", ' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const get = await send(s.port, '/api/auth.me');
    expect(get.status).toBe(405);
  });

  it('answers 413 to a body over the size limit, declared or streamed, without dispatching it', async () => {
    const before = s.core.services.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as {
      n: number;
    };
    const big = Buffer.alloc(41 * 1024 * 1024, 0x20);
    const declared = await send(s.port, '/api/auth.logout', { method: 'POST', body: big });
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { message: 'errors.bodyTooLarge' } });
    const streamed = await send(s.port, '/api/auth.logout', {
      method: 'POST',
      body: big,
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(streamed.status).toBe(413);
    const after = s.core.services.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as {
      n: number;
    };
    expect(after.n).toBe(before.n);
  });

  it('rate-limits sign-in attempts per address with 429, and only sign-in', async () => {
    const fresh = await startServer({
      dataDir: join(root, 'rate-data'),
      adminPassword: ADMIN_PASSWORD,
      port: 0,
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await post(fresh.port, 'auth.login', { username: 'nobody', password: `guess-${i}` });
        codes.push(r.status);
        const body = JSON.parse(r.body) as { error: { code: string } };
        expect(body.error.code).toBe(r.status === 429 ? 'RATE_LIMITED' : 'BAD_CREDENTIALS');
      }
      // Ten attempts a minute per address, then refused before the password is even checked.
      expect(codes).toEqual([...Array<number>(10).fill(200), 429, 429]);
      const right = await post(fresh.port, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      expect(right.status).toBe(429);
      expect((await post(fresh.port, 'system.status', {})).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('static files', () => {
  it('serves the app, its assets, and the app for client-side routes', async () => {
    const index = await send(s.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX);
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(index.headers['x-frame-options']).toBe('DENY');
    const js = await send(s.port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect((await send(s.port, '/ledger/42')).body).toBe(INDEX);
    expect((await send(s.port, '/assets/missing.js')).status).toBe(404);
  });

  const attempts = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%5c..%5c..%5csecret.txt',
    '/..%c0%afsecret.txt',
    '/....//secret.txt',
    '/.%2e/secret.txt',
    '/index.html%00.txt',
    '/%00/../secret.txt',
    '/..%00/secret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/etc/passwd',
    '/../static-secret.txt',
    '/../data/fams.db',
    '/%2e%2e/data/fams.db',
  ];

  it.each(attempts)('never serves anything outside its folder: %s', async (path) => {
    const r = await send(s.port, path);
    expect(r.body).not.toContain(SECRET);
    expect(r.body).not.toContain('root:');
    expect(r.body).not.toContain('SQLite format');
    // Anything answered 200 is the app itself (the client-side route fallback).
    if (r.status === 200) expect(r.body).toBe(INDEX);
    else expect([400, 404]).toContain(r.status);
  });

  it('does not serve the secret by its absolute path either', async () => {
    const abs = join(root, 'secret.txt');
    for (const path of [`/${encodeURIComponent(abs)}`, `/..${abs}`, `/${abs.replace(/\//g, '%5c')}`]) {
      const r = await send(s.port, path);
      expect(r.body).not.toContain(SECRET);
    }
  });
});

describe('bind address', () => {
  let lan: RunningServer | undefined;
  afterEach(async () => {
    await lan?.close();
    lan = undefined;
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  const reachable = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const sock = connect({ host, port }, () => {
        sock.destroy();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });

  it('listens on 127.0.0.1 only by default', async () => {
    expect(s.host).toBe('127.0.0.1');
    expect(await reachable('127.0.0.1', s.port)).toBe(true);
    if (external) expect(await reachable(external, s.port)).toBe(false);
  });

  it('listens on every interface once LAN access is turned on in settings', async () => {
    const dataDir = join(root, 'lan-data');
    const first = await startServer({ dataDir, adminPassword: ADMIN_PASSWORD, staticDir, port: 0 });
    expect(first.host).toBe('127.0.0.1');
    setSetting(first.core.services.sqlite, 'network.lanAccess', true, new Date().toISOString());
    await first.close();
    lan = await startServer({ dataDir, staticDir, port: 0 });
    expect(lan.host).toBe('0.0.0.0');
    expect(await reachable('127.0.0.1', lan.port)).toBe(true);
    if (external) {
      expect(await reachable(external, lan.port)).toBe(true);
      const r = await send(lan.port, '/api/health', { host: external });
      expect(r.status).toBe(200);
    }
  });
});
