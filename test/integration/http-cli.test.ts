// `npm run serve -- --data <dir> --port <port>` as a real process: headless first run from
// FAMS_ADMIN_PASSWORD, sign-in over HTTP, and a clean shutdown on SIGTERM.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/core';

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = undefined;
  dir = undefined;
});

function serve(dataDir: string, env: Record<string, string>) {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/serve-cli.ts', '--data', dataDir, '--port', '0'],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /FAMS browser shell: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => reject(new Error(`serve-cli exited ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, url, exited, output: () => out };
}

describe('serve-cli', () => {
  it('starts headless with FAMS_ADMIN_PASSWORD, serves the API on 127.0.0.1, and stops cleanly', async () => {
    dir = makeTempDir('fams-cli-');
    const s = serve(dir, { FAMS_ADMIN_PASSWORD: 'cli-admin-pass-1' });
    child = s.proc;
    const url = await s.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.output()).toContain(dir);

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`${url}/api/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'cli-admin-pass-1' }),
    });
    const body = (await login.json()) as { ok: boolean; data: { token: string } };
    expect(body.ok).toBe(true);
    expect(login.headers.get('set-cookie')).toBeNull();
    const status = (await (
      await fetch(`${url}/api/system.status`, { method: 'POST', body: '{}' })
    ).json()) as {
      data: { setupRequired: boolean };
    };
    expect(status.data.setupRequired).toBe(false);

    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    // Closed properly: the write-ahead log was checkpointed and removed.
    expect(existsSync(join(dir, 'fams.db'))).toBe(true);
    expect(existsSync(join(dir, 'fams.db-wal'))).toBe(false);
  });

  it('leaves an empty data folder waiting for first-run setup without FAMS_ADMIN_PASSWORD', async () => {
    dir = makeTempDir('fams-cli-');
    const s = serve(dir, { FAMS_ADMIN_PASSWORD: '' });
    child = s.proc;
    const url = await s.url;
    const status = (await (
      await fetch(`${url}/api/system.status`, { method: 'POST', body: '{}' })
    ).json()) as {
      data: { setupRequired: boolean };
    };
    expect(status.data.setupRequired).toBe(true);
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
