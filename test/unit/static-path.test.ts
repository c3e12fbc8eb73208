// safeStaticPath: the one function standing between a URL and the file system.
import { describe, expect, it } from 'vitest';
import { join, resolve, sep } from 'node:path';
import { safeStaticPath } from '../../src/main/transport/http';

const root = resolve('/srv/fams/out/renderer');

describe('safeStaticPath', () => {
  it('maps ordinary paths inside the root', () => {
    expect(safeStaticPath(root, '/')).toBe(root);
    expect(safeStaticPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(safeStaticPath(root, '/assets/app-1a2b.js?v=3')).toBe(join(root, 'assets', 'app-1a2b.js'));
    expect(safeStaticPath(root, '/assets/%E5%9B%BE.png')).toBe(join(root, 'assets', '图.png'));
    // A dot-dot that stays inside is fine.
    expect(safeStaticPath(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/../../secret.txt',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/..%5c..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
  ])('keeps %s inside the root', (p) => {
    const full = safeStaticPath(root, p);
    // Either refused, or resolved to something under the root (never its parent).
    if (full !== null) expect(full.startsWith(root + sep)).toBe(true);
  });

  it('refuses traversal out of the root outright', () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../x']) {
      const full = safeStaticPath(root, p);
      expect(full === null || full.startsWith(root + sep)).toBe(true);
      expect(full).not.toBe(resolve(root, '..', 'secret.txt'));
    }
  });

  it('refuses null bytes and malformed escapes', () => {
    expect(safeStaticPath(root, '/index.html%00.js')).toBeNull();
    expect(safeStaticPath(root, '/%00')).toBeNull();
    expect(safeStaticPath(root, '/%E5%9B')).toBeNull();
    expect(safeStaticPath(root, '/%zz')).toBeNull();
  });

  it('does not treat a sibling folder with the same prefix as inside', () => {
    // /srv/fams/out/renderer-old must not pass a naive startsWith(root) check.
    const full = safeStaticPath(root, '/../renderer-old/index.html');
    expect(full === null || full.startsWith(root + sep)).toBe(true);
  });
});
