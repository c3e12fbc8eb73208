// Events over the browser shell's WebSocket: the auth message comes first, events emitted by the
// core reach the signed-in user's sockets only, and anything else is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../src/main/server';
import { ADMIN_PASSWORD, makeTempDir } from '../helpers/core';

interface Msg {
  type: string;
  payload: unknown;
}

let root: string;
let s: RunningServer;
let adminToken: string;
let adminId: number;
let clerkToken: string;

async function call<T>(method: string, input: unknown, token?: string): Promise<T> {
  const res = await fetch(`${s.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** A socket that records every message and how it closed. */
function open(path = '/api/events') {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}${path}`);
  const messages: Msg[] = [];
  ws.on('message', (raw) => messages.push(JSON.parse(String(raw)) as Msg));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  ws.on('error', () => undefined);
  return { ws, messages, opened, closed };
}

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function authed(token: string) {
  const sock = open();
  await sock.opened;
  sock.ws.send(JSON.stringify({ type: 'auth', token }));
  await until(() => sock.messages.some((m) => m.type === 'ready'));
  return sock;
}

beforeAll(async () => {
  root = makeTempDir('fams-ws-');
  s = await startServer({ dataDir: join(root, 'data'), adminPassword: ADMIN_PASSWORD, port: 0 });
  const login = await call<{ token: string; user: { id: number } }>('auth.login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  adminToken = login.token;
  adminId = login.user.id;
  await call(
    'users.create',
    {
      username: 'clerk1',
      password: 'clerk-pass-123',
      displayName: '王小明',
      roles: ['clerk'],
      mustChangePassword: false,
    },
    adminToken,
  );
  clerkToken = (
    await call<{ token: string }>('auth.login', { username: 'clerk1', password: 'clerk-pass-123' })
  ).token;
});

afterAll(async () => {
  await s?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('WebSocket /api/events', () => {
  it('says ready with the user id after the auth message', async () => {
    const sock = await authed(adminToken);
    expect(sock.messages[0]).toEqual({ type: 'ready', payload: { userId: adminId } });
    sock.ws.close();
  });

  it("delivers a job's progress to its owner only, and user-less events to everyone", async () => {
    const admin = await authed(adminToken);
    const clerk = await authed(clerkToken);
    const { jobs } = s.core.services;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const id = jobs.start('test.work', adminId, async (job) => {
      job.progress(0.5, 'halfway');
      await gate;
      return { rows: 3 };
    });
    await until(() => admin.messages.some((m) => m.type === 'job.progress'));
    release();
    await until(() =>
      admin.messages.some(
        (m) => m.type === 'job.progress' && (m.payload as { status: string }).status === 'done',
      ),
    );
    const progress = admin.messages.filter((m) => m.type === 'job.progress').map((m) => m.payload);
    expect(progress[0]).toMatchObject({
      id,
      kind: 'test.work',
      status: 'running',
      progress: 0.5,
      message: 'halfway',
    });
    expect(progress.at(-1)).toMatchObject({ id, status: 'done', progress: 1, result: { rows: 3 } });

    s.core.events.emit({ type: 'test.broadcast', payload: { n: 1 } });
    await until(() => clerk.messages.some((m) => m.type === 'test.broadcast'));
    await until(() => admin.messages.some((m) => m.type === 'test.broadcast'));
    // By now the admin's job events, sent before the broadcast, would have reached the clerk.
    expect(clerk.messages.filter((m) => m.type === 'job.progress')).toEqual([]);
    admin.ws.close();
    clerk.ws.close();
  });

  it('closes a socket whose token is forged, missing, or whose first message is not auth', async () => {
    for (const first of [
      JSON.stringify({ type: 'auth', token: 'forged-token' }),
      JSON.stringify({ type: 'auth' }),
      JSON.stringify({ type: 'hello', token: adminToken }),
      'not json',
    ]) {
      const sock = open();
      await sock.opened;
      sock.ws.send(first);
      const { code } = await sock.closed;
      expect(code).toBe(4401);
      s.core.events.emit({ type: 'test.after-refusal', payload: {} });
      expect(sock.messages).toEqual([]);
    }
  });

  it('refuses a token that has been signed out', async () => {
    const token = (
      await call<{ token: string }>('auth.login', { username: 'clerk1', password: 'clerk-pass-123' })
    ).token;
    await call('auth.logout', {}, token);
    const sock = open();
    await sock.opened;
    sock.ws.send(JSON.stringify({ type: 'auth', token }));
    expect((await sock.closed).code).toBe(4401);
  });

  it('refuses upgrades on any other path', async () => {
    const sock = open('/api/other');
    await expect(sock.opened).rejects.toThrow();
  });

  it('never sets a cookie on the upgrade', async () => {
    const sock = open();
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve) =>
      sock.ws.once('upgrade', (res) => resolve(res.headers)),
    );
    expect(headers['set-cookie']).toBeUndefined();
    await sock.opened;
    sock.ws.close();
  });
});

describe('after sign-out', () => {
  it('a socket stops receiving events and is closed once its session has ended', async () => {
    const login = await call<{ token: string }>('auth.login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    const sock = await authed(login.token);
    await call('auth.logout', {}, login.token);
    // The session is re-checked at most every 2 s before an event goes out.
    await new Promise((r) => setTimeout(r, 2100));
    s.core.events.emit({ type: 'test.after-logout', payload: {} });
    const closed = await sock.closed;
    expect(closed.code).toBe(4401);
    expect(sock.messages.some((m) => m.type === 'test.after-logout')).toBe(false);
  });
});
