// Every translation file has the same keys in zh-CN and English, none empty; every error and
// validation key the core sends exists in messages/errors.ts; every permission has a label.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/main/api/permissions';

type Messages = { 'zh-CN': Record<string, string>; en: Record<string, string> };

const MESSAGES_DIR = resolve('src/renderer/src/lib/i18n/messages');
const MAIN_DIR = resolve('src/main');

async function loadAll(): Promise<Map<string, Messages>> {
  const out = new Map<string, Messages>();
  for (const f of readdirSync(MESSAGES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(join(MESSAGES_DIR, f)).href)) as { messages?: Messages };
    if (!mod.messages) throw new Error(`${f} exports no "messages"`);
    out.set(f, mod.messages);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.ts$/.test(name) ? [p] : [];
  });
}

/** Quoted 'errors.xxx' / "validation.xxx" strings in the core's source. */
export function keysUsedIn(source: string): string[] {
  return [...source.matchAll(/['"`]((?:errors|validation)\.[A-Za-z0-9_]+)['"`]/g)].map((m) => m[1]!);
}

describe('translations', () => {
  it('finds the message files', async () => {
    const all = await loadAll();
    expect([...all.keys()]).toEqual(
      expect.arrayContaining(['common.ts', 'errors.ts', 'settings.ts', 'users.ts', 'audit.ts']),
    );
  });

  it('has the same keys in zh-CN and English in every file, and no empty text', async () => {
    for (const [file, m] of await loadAll()) {
      const zh = Object.keys(m['zh-CN']).sort();
      const en = Object.keys(m.en).sort();
      expect({
        file,
        onlyZh: zh.filter((k) => !(k in m.en)),
        onlyEn: en.filter((k) => !(k in m['zh-CN'])),
      }).toEqual({
        file,
        onlyZh: [],
        onlyEn: [],
      });
      const empty = [...Object.entries(m['zh-CN']), ...Object.entries(m.en)].filter(
        ([, v]) => !v || !v.trim(),
      );
      expect({ file, empty }).toEqual({ file, empty: [] });
    }
  });

  it('uses the same {placeholders} in both languages', async () => {
    for (const [file, m] of await loadAll()) {
      const names = (s: string) =>
        [...s.matchAll(/\{(\w+)\}/g)]
          .map((x) => x[1])
          .sort()
          .join(',');
      const differ = Object.keys(m['zh-CN']).filter(
        (k) => k in m.en && names(m['zh-CN'][k]!) !== names(m.en[k]!),
      );
      expect({ file, differ }).toEqual({ file, differ: [] });
    }
  });

  it('has every errors.* and validation.* key the core uses in messages/errors.ts', async () => {
    const errors = (await loadAll()).get('errors.ts')!;
    const used = new Set(sourceFiles(MAIN_DIR).flatMap((f) => keysUsedIn(readFileSync(f, 'utf8'))));
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((k) => !(k in errors['zh-CN'])).sort();
    expect(missing).toEqual([]);
  });

  it('labels every permission', async () => {
    const all = [...(await loadAll()).values()];
    const missing = PERMISSIONS.filter((p) => !all.some((m) => `perm.${p}` in m['zh-CN']));
    expect(missing).toEqual([]);
  });

  it('recognises quoted keys in source (the grep itself)', () => {
    expect(
      keysUsedIn(`throw new AppError('X', 'errors.inUse', {}); z.string().min(1, "validation.required")`),
    ).toEqual(['errors.inUse', 'validation.required']);
    expect(keysUsedIn('// errors.notQuoted and errors.')).toEqual([]);
  });
});
