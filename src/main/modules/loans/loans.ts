// Loans: lending (status lent through the one status door), returning (back to the status before),
// and reading them with "overdue" computed against the caller's today.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound, validation } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import type { Page } from '../../api/schemas';
import { nextDocumentNumber } from '../approvals/numbers';
import { assetRow } from '../assets/rows';
import { changeAssetStatus } from '../assets/status';
import type { AssetStatus } from '../assets/statuses';
import { assertNotUnderCount } from '../counts/lock';
import { assertNoOpenTransfer } from '../transfers/write';
import type { LoanDto, ReturnCondition } from './contract';

const LENDABLE = ['in_use', 'idle'];

const SELECT = `SELECT l.*, a.asset_code, a.name AS asset_name, c.name AS borrower_name, d.name AS borrower_department_name,
  u.display_name AS created_by_name
  FROM loans l JOIN assets a ON a.id = l.asset_id JOIN custodians c ON c.id = l.borrower_custodian_id
  LEFT JOIN departments d ON d.id = c.department_id LEFT JOIN users u ON u.id = l.created_by`;

interface LoanRow {
  id: number;
  number: string;
  asset_id: number;
  asset_code: string;
  asset_name: string;
  borrower_custodian_id: number;
  borrower_name: string;
  borrower_department_name: string | null;
  lent_date: string;
  due_date: string;
  note: string;
  previous_status: string;
  status: 'out' | 'returned';
  returned_at: string | null;
  return_condition: ReturnCondition | null;
  return_note: string;
  created_by_name: string | null;
  created_at: string;
  version: number;
}

/** Whole days from a to b (dates YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function toDto(r: LoanRow, today: string): LoanDto {
  const until = r.status === 'out' ? today : r.returned_at!;
  const daysOverdue = Math.max(0, daysBetween(r.due_date, until));
  return {
    id: r.id,
    number: r.number,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    borrowerCustodianId: r.borrower_custodian_id,
    borrowerName: r.borrower_name,
    borrowerDepartmentName: r.borrower_department_name,
    lentDate: r.lent_date,
    dueDate: r.due_date,
    note: r.note,
    previousStatus: r.previous_status,
    status: r.status,
    returnedAt: r.returned_at,
    returnCondition: r.return_condition,
    returnNote: r.return_note,
    overdue: daysOverdue > 0,
    daysOverdue,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    version: r.version,
  };
}

function loanRow(ctx: Ctx, id: number): LoanRow {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE l.id = ?`).get(id) as LoanRow | undefined;
  if (!r) throw notFound('loan', id);
  return r;
}

export function getLoan(ctx: Ctx, id: number): LoanDto {
  return toDto(loanRow(ctx, id), ctx.today);
}

export function createLoan(
  ctx: Ctx,
  input: { assetId: number; borrowerCustodianId: number; dueDate: string; note: string; lentDate?: string },
): number {
  const a = assetRow(ctx.sqlite, input.assetId);
  if (!a) throw notFound('asset', input.assetId);
  assertNotUnderCount(ctx.sqlite, a.id);
  assertNoOpenTransfer(ctx, a.id, a.asset_code);
  if (!LENDABLE.includes(a.status)) {
    throw new AppError('INVALID_TRANSITION', 'errors.loanAssetStatus', {
      id: a.id,
      code: a.asset_code,
      status: a.status,
    });
  }
  if (!ctx.sqlite.prepare('SELECT 1 FROM custodians WHERE id = ?').get(input.borrowerCustodianId))
    throw validation('borrowerCustodianId', 'validation.notFound', { id: input.borrowerCustodianId });
  const lentDate = input.lentDate ?? ctx.today;
  if (input.dueDate < lentDate) throw validation('dueDate', 'validation.loanDueBeforeLent', { lentDate });
  const number = nextDocumentNumber(ctx.sqlite, 'LN', ctx.today);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO loans (number, asset_id, borrower_custodian_id, lent_date, due_date, note, previous_status, status,
           created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'out', ?, 1, ?, ?)`,
      )
      .run(
        number,
        a.id,
        input.borrowerCustodianId,
        lentDate,
        input.dueDate,
        input.note,
        a.status,
        ctx.user().userId,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  changeAssetStatus(ctx, a.id, 'lent', `${number} → ${input.dueDate}`, { kind: 'loan' });
  ctx.audit({
    entity: 'loan',
    entityId: id,
    details: { number, ...input, lentDate, previousStatus: a.status },
  });
  ctx.emit('loans.changed', { id });
  return id;
}

const CONDITION_WORDS: Record<ReturnCondition, string> = {
  good: '完好',
  damaged: '损坏',
  incomplete: '缺件',
};

export function returnLoan(
  ctx: Ctx,
  input: { id: number; returnedAt: string; condition: ReturnCondition; note: string; version?: number },
): void {
  const r = loanRow(ctx, input.id);
  if (input.version !== undefined && input.version !== r.version)
    throw conflict('loan', r.id, { currentVersion: r.version, status: r.status });
  if (r.status !== 'out')
    throw new AppError('INVALID_TRANSITION', 'errors.loanNotOut', { number: r.number, status: r.status });
  if (input.returnedAt < r.lent_date)
    throw validation('returnedAt', 'validation.loanReturnBeforeLent', { lentDate: r.lent_date });
  ctx.sqlite
    .prepare(
      `UPDATE loans SET status = 'returned', returned_at = ?, return_condition = ?, return_note = ?,
         version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(input.returnedAt, input.condition, input.note, ctx.nowIso, r.id);
  const late = Math.max(0, daysBetween(r.due_date, input.returnedAt));
  // The card's timeline is read by people: the condition in words, and how late it came back.
  const note = [
    `${r.number} 归还（${CONDITION_WORDS[input.condition]}）`,
    late ? `逾期 ${late} 天` : '',
    input.note,
  ]
    .filter(Boolean)
    .join('，');
  changeAssetStatus(ctx, r.asset_id, r.previous_status as AssetStatus, note, { kind: 'loan_return' });
  ctx.audit({
    entity: 'loan',
    entityId: r.id,
    details: { number: r.number, returnedAt: input.returnedAt, condition: input.condition, daysLate: late },
  });
  ctx.emit('loans.changed', { id: r.id });
}

export function listLoans(
  ctx: Ctx,
  f: {
    status?: 'out' | 'returned';
    overdue?: boolean;
    assetId?: number;
    borrowerCustodianId?: number;
    offset: number;
    limit: number;
  },
): Page<LoanDto> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status) {
    where.push('l.status = ?');
    args.push(f.status);
  }
  if (f.overdue === true) {
    where.push(`l.status = 'out' AND l.due_date < ?`);
    args.push(ctx.today);
  } else if (f.overdue === false) {
    where.push(`NOT (l.status = 'out' AND l.due_date < ?)`);
    args.push(ctx.today);
  }
  if (f.assetId !== undefined) {
    where.push('l.asset_id = ?');
    args.push(f.assetId);
  }
  if (f.borrowerCustodianId !== undefined) {
    where.push('l.borrower_custodian_id = ?');
    args.push(f.borrowerCustodianId);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(`SELECT count(*) FROM loans l ${w}`)
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(`${SELECT} ${w} ORDER BY l.id DESC LIMIT ? OFFSET ?`)
    .all(...args, f.limit, f.offset) as LoanRow[];
  return { total, rows: rows.map((r) => toDto(r, ctx.today)) };
}

/** Loans out past their due date as of `today`, most overdue first. */
export function overdueLoans(sqlite: Sqlite, today: string): LoanDto[] {
  const rows = sqlite
    .prepare(`${SELECT} WHERE l.status = 'out' AND l.due_date < ? ORDER BY l.due_date, l.id`)
    .all(today) as LoanRow[];
  return rows.map((r) => toDto(r, today));
}
