// Settings values named in a sheet (categories, locations, departments, custodians, suppliers):
// found by code, name or path ("生产部/一车间"), and, when asked, planned for creation at commit.
// Also the words people write for depreciation methods and statuses.
import type { Sqlite } from '../../db/client';
import type { DepreciationMethod } from '../../api/schemas';
import type { AssetStatus } from '../assets/statuses';
import type { RefTable } from './header-map';

interface RefRow {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  active: number;
}

export type RefResult =
  | { ok: true; id: number }
  | {
      ok: false;
      message: 'validation.io.refNotFound' | 'validation.io.refAmbiguous' | 'validation.referenceInactive';
    };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

class RefIndex {
  private byCode = new Map<string, RefRow>();
  private byName = new Map<string, RefRow[]>();
  private byPath = new Map<string, RefRow>();

  constructor(rows: RefRow[]) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const path = (r: RefRow): string => {
      const parts: string[] = [];
      for (let n: RefRow | undefined = r, i = 0; n && i < 64; n = byId.get(n.parent_id ?? -1), i++)
        parts.unshift(n.name);
      return parts.map(norm).join('/');
    };
    for (const r of rows) {
      this.byCode.set(norm(r.code), r);
      const list = this.byName.get(norm(r.name)) ?? [];
      list.push(r);
      this.byName.set(norm(r.name), list);
      if (r.parent_id !== null) this.byPath.set(path(r), r);
    }
  }

  find(text: string): RefResult {
    const key = norm(text);
    const pathKey = key.replace(/[\\/>＞|、]+/g, '/');
    let row = this.byCode.get(key) ?? this.byPath.get(pathKey);
    if (!row) {
      const named = this.byName.get(key) ?? this.byName.get(pathKey.split('/').pop() ?? '');
      if (named && named.length > 1) {
        // Prefer the one active node when the others are retired.
        const active = named.filter((r) => r.active);
        if (active.length !== 1) return { ok: false, message: 'validation.io.refAmbiguous' };
        row = active[0];
      } else row = named?.[0];
    }
    if (!row) return { ok: false, message: 'validation.io.refNotFound' };
    if (!row.active) return { ok: false, message: 'validation.referenceInactive' };
    return { ok: true, id: row.id };
  }
}

export class RefResolver {
  private indexes = new Map<RefTable, RefIndex>();
  /** Names to create at commit, per table; placeholder ids are negative: -(position + 1). */
  readonly toCreate: { table: RefTable; name: string }[] = [];
  private pending = new Map<string, number>();

  constructor(private readonly sqlite: Sqlite) {}

  private index(table: RefTable): RefIndex {
    let idx = this.indexes.get(table);
    if (!idx) {
      const parent = table === 'custodians' || table === 'suppliers' ? 'NULL' : 'parent_id';
      const rows = this.sqlite
        .prepare(`SELECT id, code, name, ${parent} AS parent_id, active FROM ${table}`)
        .all() as RefRow[];
      idx = new RefIndex(rows);
      this.indexes.set(table, idx);
    }
    return idx;
  }

  /** Answers by table and exact text: a sheet names the same few departments on every row. */
  private memo = new Map<string, RefResult>();

  /** An id, a placeholder (negative) when it will be created, or a problem key. */
  resolve(table: RefTable, text: string, createMissing: boolean): RefResult {
    const key = `${createMissing ? 1 : 0}${table}\u0001${text}`;
    let r = this.memo.get(key);
    if (!r) this.memo.set(key, (r = this.lookup(table, text, createMissing)));
    return r;
  }

  private lookup(table: RefTable, text: string, createMissing: boolean): RefResult {
    const found = this.index(table).find(text);
    if (found.ok || found.message !== 'validation.io.refNotFound' || !createMissing) return found;
    // Categories carry depreciation rules and a code used in asset codes: never guessed.
    if (table === 'categories') return found;
    const key = `${table}\u0001${norm(text)}`;
    let placeholder = this.pending.get(key);
    if (placeholder === undefined) {
      this.toCreate.push({ table, name: text.trim() });
      placeholder = -this.toCreate.length;
      this.pending.set(key, placeholder);
    }
    return { ok: true, id: placeholder };
  }
}

const METHOD_WORDS: Record<string, DepreciationMethod> = {
  straight_line: 'straight_line',
  平均年限法: 'straight_line',
  年限平均法: 'straight_line',
  直线法: 'straight_line',
  straightline: 'straight_line',
  double_declining: 'double_declining',
  双倍余额递减法: 'double_declining',
  doubledeclining: 'double_declining',
  ddb: 'double_declining',
  sum_of_years: 'sum_of_years',
  年数总和法: 'sum_of_years',
  sumofyears: 'sum_of_years',
  syd: 'sum_of_years',
  units_of_production: 'units_of_production',
  工作量法: 'units_of_production',
  unitsofproduction: 'units_of_production',
};

const STATUS_WORDS: Record<string, AssetStatus> = {
  in_use: 'in_use',
  在用: 'in_use',
  使用中: 'in_use',
  正常: 'in_use',
  inuse: 'in_use',
  idle: 'idle',
  闲置: 'idle',
  lent: 'lent',
  借出: 'lent',
  in_repair: 'in_repair',
  维修: 'in_repair',
  维修中: 'in_repair',
  在修: 'in_repair',
  inrepair: 'in_repair',
  pending_disposal: 'pending_disposal',
  待处置: 'pending_disposal',
  待报废: 'pending_disposal',
  disposed: 'disposed',
  已处置: 'disposed',
  报废: 'disposed',
  已报废: 'disposed',
  missing: 'missing',
  丢失: 'missing',
  遗失: 'missing',
  盘亏: 'missing',
};

const wordKey = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '');

export const methodOf = (s: string): DepreciationMethod | undefined =>
  METHOD_WORDS[wordKey(s)] ?? METHOD_WORDS[s.trim()];
export const statusOf = (s: string): AssetStatus | undefined =>
  STATUS_WORDS[wordKey(s)] ?? STATUS_WORDS[s.trim()];

/** Chinese labels for exports and templates. */
export const METHOD_LABELS: Record<DepreciationMethod, string> = {
  straight_line: '年限平均法',
  double_declining: '双倍余额递减法',
  sum_of_years: '年数总和法',
  units_of_production: '工作量法',
};
export const STATUS_LABELS: Record<AssetStatus, string> = {
  in_use: '在用',
  idle: '闲置',
  lent: '借出',
  in_repair: '维修中',
  pending_disposal: '待处置',
  disposed: '已处置',
  missing: '丢失',
};
