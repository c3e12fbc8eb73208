// The desktop shell's trust rules: which pages may call the core, and the window's held session.
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSafeExternalUrl, isTrustedRendererUrl, WindowSession } from '../../src/main/transport/ipc-guard';

const rendererDir = resolve('/opt/fams/out/renderer');
const fileUrl = (p: string) => pathToFileURL(p).href;

describe('isTrustedRendererUrl', () => {
  it('trusts our built page and nothing else on file://', () => {
    const t = { rendererDir };
    expect(isTrustedRendererUrl(fileUrl(join(rendererDir, 'index.html')), t)).toBe(true);
    expect(isTrustedRendererUrl(fileUrl(join(rendererDir, 'index.html')) + '#/ledger', t)).toBe(true);
    expect(isTrustedRendererUrl(fileUrl(resolve(rendererDir, '../main/index.js')), t)).toBe(false);
    expect(isTrustedRendererUrl(fileUrl(resolve(rendererDir, '../renderer-evil/index.html')), t)).toBe(false);
    expect(isTrustedRendererUrl('file:///etc/passwd', t)).toBe(false);
    expect(isTrustedRendererUrl(fileUrl(rendererDir), t)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/index.html', t)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', t)).toBe(false);
    expect(isTrustedRendererUrl('', t)).toBe(false);
  });

  it('trusts the dev server origin only while one is configured', () => {
    const t = { rendererDir, devUrl: 'http://localhost:5173/' };
    expect(isTrustedRendererUrl('http://localhost:5173/#/assets', t)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', t)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.com:5173/', t)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', { rendererDir })).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('lets only https out', () => {
    expect(isSafeExternalUrl('https://www.gov.cn/')).toBe(true);
    for (const u of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'x',
    ]) {
      expect(isSafeExternalUrl(u)).toBe(false);
    }
  });
});

describe('WindowSession', () => {
  const login = { ok: true as const, data: { token: 'tok-1', user: { id: 7 } } };

  it('holds the token from sign-in or setup and drops it on sign-out or when it stops working', () => {
    const s = new WindowSession();
    expect(s.token).toBeNull();
    s.observe('auth.login', login);
    expect([s.token, s.userId]).toEqual(['tok-1', 7]);
    s.observe('assets.list', { ok: true, data: { rows: [], total: 0 } });
    expect(s.token).toBe('tok-1');
    s.observe('assets.update', { ok: false, error: { code: 'CONFLICT' } });
    expect(s.token).toBe('tok-1');
    s.observe('auth.logout', { ok: true, data: { ok: true } });
    expect([s.token, s.userId]).toEqual([null, null]);
    s.observe('system.setup', { ok: true, data: { token: 'tok-2', user: { id: 1 } } });
    expect(s.token).toBe('tok-2');
    s.observe('auth.me', { ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(s.token).toBeNull();
  });

  it('keeps the old session when a sign-in fails', () => {
    const s = new WindowSession();
    s.observe('auth.login', login);
    s.observe('auth.login', { ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(s.token).toBe('tok-1');
  });

  it("passes user-less events to every window and a user's events only to that user's window", () => {
    const s = new WindowSession();
    expect(s.wants(undefined)).toBe(true);
    expect(s.wants(7)).toBe(false);
    s.observe('auth.login', login);
    expect(s.wants(7)).toBe(true);
    expect(s.wants(8)).toBe(false);
  });
});
