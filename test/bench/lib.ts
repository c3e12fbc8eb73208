// Small helpers for the benchmark suite: the sample company's database, timing, percentiles and the
// printed table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB_FILE, type Core } from '../../src/main/core';
import { openDatabase, type Sqlite } from '../../src/main/db/client';
import { loadSampleCompany } from '../../src/main/demo/generate';
import { performSetup } from '../../src/main/modules/system/setup';
import { localPeriod } from '../../src/main/util/dates';

/** The admin password of every bench company. */
export const BENCH_PASSWORD = 'bench-admin-123';

/** A desktop caller signed in as the bench admin. */
export function adminCaller(core: Core): { token: string | null; source: 'desktop' } {
  const caller = { token: null as string | null, source: 'desktop' as const };
  const r = core.dispatch(caller, 'auth.login', { username: 'admin', password: BENCH_PASSWORD });
  if (!r.ok) throw new Error(`login: ${r.error.code} ${r.error.message}`);
  caller.token = (r.data as { token: string }).token;
  return caller;
}

export interface SampleCompanyOptions {
  assets: number;
  now: Date;
  /** The company's first accounting period; the local month of `now` unless given. */
  firstPeriod?: string;
  /** Runs in the same transaction, after the sample assets are in. */
  adjust?: (sqlite: Sqlite) => void;
  /** PRAGMA optimize before closing, so the first queries plan with fresh statistics. */
  optimize?: boolean;
}

/** Sets up the bench company in `dataDir`'s database with `assets` sample assets (seed 1), then closes it. */
export function writeSampleCompany(dataDir: string, o: SampleCompanyOptions): void {
  const { sqlite } = openDatabase(join(dataDir, DB_FILE));
  sqlite
    .transaction(() => {
      performSetup(
        sqlite,
        {
          companyName: '基准测试公司',
          accountingStandard: 'cas',
          firstPeriod: o.firstPeriod ?? localPeriod(o.now),
          adminPassword: BENCH_PASSWORD,
          locale: 'zh-CN',
        },
        o.now.toISOString(),
      );
      loadSampleCompany(sqlite, { assets: o.assets, now: o.now, seed: 1 });
      o.adjust?.(sqlite);
    })
    .immediate();
  if (o.optimize) sqlite.pragma('optimize');
  sqlite.close();
}

export function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

/**
 * Wall time and this process's CPU time (user + system) of one call, in ms. On a machine shared
 * with other work the CPU time stays close to what the call costs on a quiet one, while the wall
 * time also counts the waits for a core.
 */
export function timeCpu<T>(fn: () => T): [T, number, number] {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return [r, wall, (d.user + d.system) / 1000];
}

/** Nearest-rank percentile of `xs` (0 < p ≤ 100). */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface Stats {
  calls: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(xs: readonly number[]): Stats {
  return {
    calls: xs.length,
    p50: round(percentile(xs, 50)),
    p95: round(percentile(xs, 95)),
    max: round(Math.max(...xs)),
  };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Row {
  what: string;
  value: number;
  unit: string;
  target?: number;
  baseline?: number;
  note?: string;
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.what,
    `${round(r.value, 1)} ${r.unit}`,
    r.target === undefined ? '' : `≤ ${r.target} ${r.unit}`,
    r.target === undefined ? '' : r.value <= r.target ? 'PASS' : 'MISS',
    r.baseline === undefined ? '' : `${round(r.baseline, 1)} ${r.unit}`,
    r.baseline === undefined || r.baseline === 0 ? '' : `${round(r.value / r.baseline, 2)}×`,
    r.note ?? '',
  ]);
  const head = ['measure', 'value', 'target', '', 'raw baseline', 'ratio', 'note'];
  const width = head.map((h, i) => Math.max(strWidth(h), ...cells.map((c) => strWidth(c[i]!))));
  const line = (c: string[]) => c.map((s, i) => s + ' '.repeat(width[i]! - strWidth(s))).join('  ');
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

/** Display width: CJK characters take two columns. */
function strWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

/**
 * results/latest.json holds every bench's last figures. The ledger bench owns the top level; others
 * (devices) keep theirs under a key. `merge` gets what is there and returns the new whole; keys it
 * does not touch survive. Returns the file's path.
 */
export function updateResults(merge: (previous: Record<string, unknown>) => Record<string, unknown>): string {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  } catch {
    previous = {};
  }
  writeFileSync(out, JSON.stringify(merge(previous), null, 2) + '\n');
  return out;
}
