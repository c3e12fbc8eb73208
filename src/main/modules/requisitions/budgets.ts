// Yearly department budgets per category (a budget covers the category's subtree), what submitted
// requisitions use of them, and the check submit runs (off, warn or block, an app setting).
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import { getSetting, setSetting } from '../../db/kv';
import type { BudgetCheckDto, BudgetDto, BudgetLine, BudgetMode } from './contract';
import type { RequisitionRow } from './rows';

export const BUDGET_MODE_KEY = 'requisitions.budgetMode';
/** Statuses whose amounts count against the budget. */
const COUNTED = `('pending', 'approved', 'ordered', 'bought_outside')`;

export function budgetMode(ctx: Ctx): { mode: BudgetMode; modeVersion: number } {
  const mode = getSetting<BudgetMode>(ctx.sqlite, BUDGET_MODE_KEY) ?? 'warn';
  const v = ctx.sqlite
    .prepare('SELECT version FROM app_settings WHERE key = ?')
    .pluck()
    .get(BUDGET_MODE_KEY) as number | undefined;
  return { mode, modeVersion: v ?? 0 };
}

export function setBudgetMode(ctx: Ctx, mode: BudgetMode, version: number) {
  const before = budgetMode(ctx);
  if (before.modeVersion !== version) throw conflict('setting', BUDGET_MODE_KEY, { current: before });
  setSetting(ctx.sqlite, BUDGET_MODE_KEY, mode, ctx.nowIso);
  ctx.audit({ entity: 'setting', entityId: BUDGET_MODE_KEY, details: { before: before.mode, after: mode } });
  return budgetMode(ctx);
}

const SUBTREE = `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)`;

/** Amount of counted requisitions of the department and year in the category subtree, except one. */
function usedOf(ctx: Ctx, year: number, departmentId: number, categoryId: number, exceptId: number): number {
  return ctx.sqlite
    .prepare(
      `${SUBTREE} SELECT coalesce(sum(l.amount), 0) FROM requisition_lines l JOIN requisitions r ON r.id = l.requisition_id
       WHERE r.department_id = ? AND r.budget_year = ? AND r.status IN ${COUNTED} AND r.id <> ?
         AND l.category_id IN (SELECT id FROM sub)`,
    )
    .pluck()
    .get(categoryId, departmentId, year, exceptId) as number;
}

export function checkBudget(ctx: Ctx, r: RequisitionRow, year: number): BudgetCheckDto {
  const { mode } = budgetMode(ctx);
  const budgets = ctx.sqlite
    .prepare(
      `SELECT b.id, b.category_id, b.amount, c.name FROM requisition_budgets b JOIN categories c ON c.id = b.category_id
       WHERE b.year = ? AND b.department_id = ? ORDER BY b.category_id`,
    )
    .all(year, r.department_id) as { id: number; category_id: number; amount: number; name: string }[];
  const lines: BudgetLine[] = [];
  for (const b of budgets) {
    const requested = ctx.sqlite
      .prepare(
        `${SUBTREE} SELECT coalesce(sum(amount), 0) FROM requisition_lines WHERE requisition_id = ? AND category_id IN (SELECT id FROM sub)`,
      )
      .pluck()
      .get(b.category_id, r.id) as number;
    if (requested === 0) continue;
    const used = usedOf(ctx, year, r.department_id, b.category_id, r.id);
    const remaining = b.amount - used - requested;
    lines.push({
      budgetId: b.id,
      categoryId: b.category_id,
      categoryName: b.name,
      budget: b.amount,
      used,
      requested,
      remaining,
      over: remaining < 0,
    });
  }
  return {
    mode,
    year,
    departmentId: r.department_id,
    lines,
    exceeded: mode !== 'off' && lines.some((l) => l.over),
  };
}

/** Throws in block mode; returns the over-budget lines to store in warn mode. */
export function enforceBudget(ctx: Ctx, r: RequisitionRow, year: number): BudgetLine[] {
  const check = checkBudget(ctx, r, year);
  if (!check.exceeded) return [];
  const over = check.lines.filter((l) => l.over);
  if (check.mode === 'block') {
    throw new AppError(
      'VALIDATION',
      'errors.budgetExceeded',
      { year },
      over.map((l) => ({
        path: 'lines',
        message: 'validation.budgetExceeded',
        params: { category: l.categoryName, budget: l.budget, used: l.used, requested: l.requested },
      })),
    );
  }
  return over;
}

interface BudgetRow {
  id: number;
  year: number;
  department_id: number;
  department_name: string;
  category_id: number;
  category_name: string;
  amount: number;
  version: number;
}

const SELECT = `SELECT b.*, d.name AS department_name, c.name AS category_name FROM requisition_budgets b
  JOIN departments d ON d.id = b.department_id JOIN categories c ON c.id = b.category_id`;

const toDto = (ctx: Ctx, b: BudgetRow): BudgetDto => ({
  id: b.id,
  year: b.year,
  departmentId: b.department_id,
  departmentName: b.department_name,
  categoryId: b.category_id,
  categoryName: b.category_name,
  amount: b.amount,
  used: usedOf(ctx, b.year, b.department_id, b.category_id, -1),
  version: b.version,
});

export function listBudgets(ctx: Ctx, year: number, departmentId?: number) {
  const rows = ctx.sqlite
    .prepare(`${SELECT} WHERE b.year = ? AND (? IS NULL OR b.department_id = ?) ORDER BY d.code, c.code`)
    .all(year, departmentId ?? null, departmentId ?? null) as BudgetRow[];
  return { ...budgetMode(ctx), rows: rows.map((b) => toDto(ctx, b)) };
}

export function setBudget(
  ctx: Ctx,
  input: { year: number; departmentId: number; categoryId: number; amount: number; version?: number },
): BudgetDto {
  if (!ctx.sqlite.prepare('SELECT 1 FROM departments WHERE id = ?').get(input.departmentId)) {
    throw validation('departmentId', 'validation.notFound', { id: input.departmentId });
  }
  if (!ctx.sqlite.prepare('SELECT 1 FROM categories WHERE id = ?').get(input.categoryId)) {
    throw validation('categoryId', 'validation.notFound', { id: input.categoryId });
  }
  const existing = ctx.sqlite
    .prepare(`${SELECT} WHERE b.year = ? AND b.department_id = ? AND b.category_id = ?`)
    .get(input.year, input.departmentId, input.categoryId) as BudgetRow | undefined;
  let id: number;
  if (existing) {
    if (input.version !== existing.version)
      throw conflict('budget', existing.id, { current: toDto(ctx, existing) });
    ctx.sqlite
      .prepare(
        'UPDATE requisition_budgets SET amount = ?, version = version + 1, updated_at = ? WHERE id = ?',
      )
      .run(input.amount, ctx.nowIso, existing.id);
    id = existing.id;
  } else {
    id = Number(
      ctx.sqlite
        .prepare(
          `INSERT INTO requisition_budgets (year, department_id, category_id, amount, version, created_at, updated_at)
           VALUES (?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(input.year, input.departmentId, input.categoryId, input.amount, ctx.nowIso, ctx.nowIso)
        .lastInsertRowid,
    );
  }
  ctx.audit({
    entity: 'budget',
    entityId: id,
    details: { ...input, before: existing ? existing.amount : null },
  });
  return toDto(ctx, ctx.sqlite.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BudgetRow);
}

export function deleteBudget(ctx: Ctx, id: number, version: number): { id: number } {
  const b = ctx.sqlite.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BudgetRow | undefined;
  if (!b) throw notFound('budget', id);
  if (b.version !== version) throw conflict('budget', id, { current: toDto(ctx, b) });
  ctx.sqlite.prepare('DELETE FROM requisition_budgets WHERE id = ?').run(id);
  ctx.audit({ entity: 'budget', entityId: id, details: { before: toDto(ctx, b) } });
  return { id };
}
