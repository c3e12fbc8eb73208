// The three settings trees as treeCrud specs: asset categories (with depreciation defaults),
// locations (site / building / floor / room) and departments (with a head).
import { validation } from '../../api/errors';
import type { DepreciationMethod } from '../../api/schemas';
import type { CategoryDto, DepartmentDto, LocationDto, LocationKind, TaxClass } from './contract';
import { assertExists, count, type ColumnMap } from './rows';
import { treeCrud, type TreeRow } from './tree-crud';

const TREE_COLUMNS: ColumnMap = {
  code: { column: 'code' },
  name: { column: 'name' },
  parentId: { column: 'parent_id' },
  sortOrder: { column: 'sort_order' },
  active: { column: 'active' },
};

const TREE_SELECT = `t.id, t.parent_id AS parentId, t.code, t.name, t.sort_order AS sortOrder, t.active,
  t.version, t.updated_at AS updatedAt`;

function place<R extends TreeRow>(
  row: R,
  p: { path: string[]; depth: number; effectiveActive: boolean; assetCount: number },
) {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    sortOrder: row.sortOrder,
    active: !!row.active,
    effectiveActive: p.effectiveActive,
    path: p.path,
    pathName: p.path.join(' / '),
    depth: p.depth,
    assetCount: p.assetCount,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

// ---- categories ----

type CategoryRow = TreeRow & { lifeMonths: number; residualRateBp: number; method: string; taxClass: string };

export interface CategoryInput {
  code: string;
  parentId: number | null;
  name: string;
  lifeMonths?: number;
  residualRate?: number;
  method?: DepreciationMethod;
  taxClass?: TaxClass;
  sortOrder: number;
}

export const toBp = (rate: number) => Math.round(rate * 10000);

export const categories = treeCrud<CategoryRow, CategoryDto, CategoryInput>({
  table: 'categories',
  entity: 'category',
  select: `SELECT ${TREE_SELECT}, t.life_months AS lifeMonths, t.residual_rate_bp AS residualRateBp,
    t.method, t.tax_class AS taxClass FROM categories t`,
  assetColumns: ['category_id'],
  toDto: (row, p) => ({
    ...place(row, p),
    lifeMonths: row.lifeMonths,
    residualRate: row.residualRateBp / 10000,
    method: row.method as DepreciationMethod,
    taxClass: row.taxClass as TaxClass,
  }),
  columns: {
    ...TREE_COLUMNS,
    lifeMonths: { column: 'life_months' },
    residualRate: { column: 'residual_rate_bp', toDb: toBp },
    method: { column: 'method' },
    taxClass: { column: 'tax_class' },
  },
  insert(ctx, input) {
    // A sub-category starts with its parent's depreciation defaults unless told otherwise.
    const parent =
      input.parentId === null
        ? undefined
        : (ctx.sqlite
            .prepare(
              `SELECT life_months AS lifeMonths, residual_rate_bp AS residualRateBp, method, tax_class AS taxClass
               FROM categories WHERE id = ?`,
            )
            .get(input.parentId) as CategoryRow | undefined);
    const lifeMonths = input.lifeMonths ?? parent?.lifeMonths;
    if (lifeMonths === undefined) throw validation('lifeMonths', 'validation.required');
    const r = ctx.sqlite
      .prepare(
        `INSERT INTO categories (parent_id, code, name, life_months, residual_rate_bp, method, tax_class, sort_order,
           active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
      )
      .run(
        input.parentId,
        input.code,
        input.name,
        lifeMonths,
        input.residualRate !== undefined ? toBp(input.residualRate) : (parent?.residualRateBp ?? 500),
        input.method ?? parent?.method ?? 'straight_line',
        input.taxClass ?? parent?.taxClass ?? 'other',
        input.sortOrder,
        ctx.nowIso,
        ctx.nowIso,
      );
    return Number(r.lastInsertRowid);
  },
});

// ---- locations ----

type LocationRow = TreeRow & { kind: string };

export interface LocationInput {
  code: string;
  parentId: number | null;
  name: string;
  kind: LocationKind;
  sortOrder: number;
}

export const locations = treeCrud<LocationRow, LocationDto, LocationInput>({
  table: 'locations',
  entity: 'location',
  select: `SELECT ${TREE_SELECT}, t.kind FROM locations t`,
  assetColumns: ['location_id'],
  toDto: (row, p) => ({ ...place(row, p), kind: row.kind as LocationKind }),
  columns: { ...TREE_COLUMNS, kind: { column: 'kind' } },
  insert(ctx, input) {
    const r = ctx.sqlite
      .prepare(
        `INSERT INTO locations (parent_id, code, name, kind, sort_order, active, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)`,
      )
      .run(input.parentId, input.code, input.name, input.kind, input.sortOrder, ctx.nowIso, ctx.nowIso);
    return Number(r.lastInsertRowid);
  },
});

// ---- departments ----

type DepartmentRow = TreeRow & { headUserId: number | null; headUserName: string | null };

export interface DepartmentInput {
  code: string;
  parentId: number | null;
  name: string;
  headUserId: number | null;
  sortOrder: number;
}

export const departments = treeCrud<DepartmentRow, DepartmentDto, DepartmentInput>({
  table: 'departments',
  entity: 'department',
  select: `SELECT ${TREE_SELECT}, t.head_user_id AS headUserId, u.display_name AS headUserName
    FROM departments t LEFT JOIN users u ON u.id = t.head_user_id`,
  assetColumns: ['department_id', 'expense_department_id'],
  toDto: (row, p) => ({
    ...place(row, p),
    headUserId: row.headUserId,
    headUserName: row.headUserName ?? null,
  }),
  columns: { ...TREE_COLUMNS, headUserId: { column: 'head_user_id' } },
  check(ctx, input) {
    assertExists(ctx.sqlite, 'users', input.headUserId, 'headUserId');
  },
  insert(ctx, input) {
    const r = ctx.sqlite
      .prepare(
        `INSERT INTO departments (parent_id, code, name, head_user_id, sort_order, active, version, created_at,
           updated_at) VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)`,
      )
      .run(input.parentId, input.code, input.name, input.headUserId, input.sortOrder, ctx.nowIso, ctx.nowIso);
    return Number(r.lastInsertRowid);
  },
  usage: (sqlite, id) => ({
    custodians: count(sqlite, 'SELECT COUNT(*) FROM custodians WHERE department_id = ?', id),
    users: count(sqlite, 'SELECT COUNT(*) FROM users WHERE department_id = ?', id),
  }),
});
