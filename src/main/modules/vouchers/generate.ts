// The depreciation voucher (计提折旧凭证) of a posted period: debit each expense account with the charges
// of the assets mapped to it, credit 累计折旧 with the total; lines keep the assets behind them.
import type { Sqlite } from '../../db/client';
import { AppError, notFound, validation } from '../../api/errors';
import { periodIsClosed } from '../periods/lock';
import { BOOK } from '../depreciation/ledger-month';
import { periodIndex } from '../depreciation/periods';
import { EXPENSE_KEYS, expenseResolver, readMapping, type ExpenseKey } from './mapping';

export interface VoucherLineDto {
  id: number;
  lineNo: number;
  summary: string;
  accountCode: string;
  accountName: string;
  debit: number;
  credit: number;
  assetCount: number;
  /** The first assets behind the line (by asset code), up to the requested limit. */
  assets: { assetId: number; assetCode: string; assetName: string; amount: number }[];
}

export type VoucherKind = 'depreciation' | 'disposal';

export interface VoucherDto {
  id: number;
  period: string;
  kind: VoucherKind;
  word: string;
  number: number;
  voucherDate: string;
  summary: string;
  totalDebit: number;
  totalCredit: number;
  runId: number | null;
  /** The document behind a document voucher (a disposal's id and CZ- number); null for depreciation. */
  documentId: number | null;
  documentNumber: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  lines?: VoucherLineDto[];
}

export function lastDayOf(period: string): string {
  const i = periodIndex(period) + 1;
  const d = new Date(Date.UTC(Math.floor(i / 12), i % 12, 0));
  return d.toISOString().slice(0, 10);
}

/** 凭证号: the next number of the period under its voucher word. */
export function nextVoucherNumber(sqlite: Sqlite, period: string, word: string): number {
  return (
    ((sqlite
      .prepare('SELECT max(number) FROM vouchers WHERE period = ? AND word = ?')
      .pluck()
      .get(period, word) as number | null) ?? 0) + 1
  );
}

export function generateDepreciationVoucher(
  sqlite: Sqlite,
  period: string,
  userId: number | null,
  nowIso: string,
): number {
  if (periodIsClosed(sqlite, period)) throw new AppError('PERIOD_CLOSED', 'errors.periodClosed', { period });
  const run = sqlite
    .prepare(`SELECT id FROM depreciation_runs WHERE period = ? AND book = ? AND status = 'posted'`)
    .pluck()
    .get(period, BOOK) as number | undefined;
  if (run === undefined) throw validation('period', 'validation.periodNotPosted', { period });
  const m = readMapping(sqlite);
  const keyOf = expenseResolver(sqlite, m);
  const groups = new Map<ExpenseKey, { total: number; assets: [number, number][] }>();
  const rows = sqlite
    .prepare(
      `SELECT asset_id, category_id, expense_department_id, amount FROM depreciation_entries
       WHERE period = ? AND book = ? AND amount <> 0 ORDER BY asset_id`,
    )
    .raw()
    .all(period, BOOK) as [number, number, number | null, number][];
  let total = 0;
  for (const [assetId, cat, dept, amount] of rows) {
    const k = keyOf(cat, dept);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { total: 0, assets: [] }));
    g.total += amount;
    g.assets.push([assetId, amount]);
    total += amount;
  }
  if (total === 0) throw validation('period', 'validation.voucherNothingToPost', { period });

  const existing = sqlite
    .prepare(`SELECT id, number FROM vouchers WHERE period = ? AND kind = 'depreciation'`)
    .get(period) as { id: number; number: number } | undefined;
  const summary = `计提${period.slice(0, 4)}年${Number(period.slice(5, 7))}月折旧`;
  let voucherId: number;
  if (existing) {
    voucherId = existing.id;
    sqlite
      .prepare(
        'DELETE FROM voucher_line_assets WHERE line_id IN (SELECT id FROM voucher_lines WHERE voucher_id = ?)',
      )
      .run(voucherId);
    sqlite.prepare('DELETE FROM voucher_lines WHERE voucher_id = ?').run(voucherId);
    sqlite
      .prepare(
        `UPDATE vouchers SET word = ?, summary = ?, total_debit = ?, total_credit = ?, run_id = ?, voucher_date = ?,
           version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(m.voucherWord, summary, total, total, run, lastDayOf(period), nowIso, voucherId);
  } else {
    const number = nextVoucherNumber(sqlite, period, m.voucherWord);
    voucherId = Number(
      sqlite
        .prepare(
          `INSERT INTO vouchers (period, kind, word, number, voucher_date, summary, total_debit, total_credit, run_id,
             created_by, version, created_at, updated_at) VALUES (?, 'depreciation', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(
          period,
          m.voucherWord,
          number,
          lastDayOf(period),
          summary,
          total,
          total,
          run,
          userId,
          nowIso,
          nowIso,
        ).lastInsertRowid,
    );
  }
  const line = sqlite.prepare(
    `INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, account_name, debit, credit, asset_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const la = sqlite.prepare('INSERT INTO voucher_line_assets (line_id, asset_id, amount) VALUES (?, ?, ?)');
  let no = 0;
  for (const k of EXPENSE_KEYS) {
    const g = groups.get(k);
    if (!g) continue;
    const acc = m.accounts[k];
    const lineId = Number(
      line.run(voucherId, ++no, summary, acc.code, acc.name, g.total, 0, g.assets.length).lastInsertRowid,
    );
    for (const [assetId, amount] of g.assets) la.run(lineId, assetId, amount);
  }
  const acc = m.accounts.accumulated_depreciation;
  const creditId = Number(
    line.run(voucherId, ++no, summary, acc.code, acc.name, 0, total, rows.length).lastInsertRowid,
  );
  sqlite
    .prepare(
      `INSERT INTO voucher_line_assets (line_id, asset_id, amount) SELECT ?, asset_id, amount FROM depreciation_entries
       WHERE period = ? AND book = ? AND amount <> 0 ORDER BY asset_id`,
    )
    .run(creditId, period, BOOK);
  return voucherId;
}

interface VRow {
  id: number;
  period: string;
  kind: VoucherKind;
  word: string;
  number: number;
  voucher_date: string;
  summary: string;
  total_debit: number;
  total_credit: number;
  run_id: number | null;
  document_id: number | null;
  document_number: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const toDto = (r: VRow): VoucherDto => ({
  id: r.id,
  period: r.period,
  kind: r.kind,
  word: r.word,
  number: r.number,
  voucherDate: r.voucher_date,
  summary: r.summary,
  totalDebit: r.total_debit,
  totalCredit: r.total_credit,
  runId: r.run_id,
  documentId: r.document_id,
  documentNumber: r.document_number,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export function listVouchers(sqlite: Sqlite, from?: string, to?: string, kind?: VoucherKind): VoucherDto[] {
  return (
    sqlite
      .prepare(
        `SELECT * FROM vouchers WHERE period >= ? AND period <= ? AND (? IS NULL OR kind = ?)
         ORDER BY period DESC, word, number`,
      )
      .all(from ?? '0000-00', to ?? '9999-99', kind ?? null, kind ?? null) as VRow[]
  ).map(toDto);
}

export function getVoucher(sqlite: Sqlite, id: number, assetsLimit: number): VoucherDto {
  const r = sqlite.prepare('SELECT * FROM vouchers WHERE id = ?').get(id) as VRow | undefined;
  if (!r) throw notFound('voucher', id);
  const lines = sqlite
    .prepare(
      `SELECT id, line_no AS lineNo, summary, account_code AS accountCode, account_name AS accountName, debit, credit,
         asset_count AS assetCount FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no`,
    )
    .all(id) as Omit<VoucherLineDto, 'assets'>[];
  const assets = sqlite.prepare(
    `SELECT l.asset_id AS assetId, a.asset_code AS assetCode, a.name AS assetName, l.amount FROM voucher_line_assets l
     JOIN assets a ON a.id = l.asset_id WHERE l.line_id = ? ORDER BY a.asset_code LIMIT ?`,
  );
  return {
    ...toDto(r),
    lines: lines.map((l) => ({ ...l, assets: assets.all(l.id, assetsLimit) as VoucherLineDto['assets'] })),
  };
}
