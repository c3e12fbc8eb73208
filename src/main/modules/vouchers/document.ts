// Document vouchers: the voucher a business document writes when it is decided (a disposal on approval),
// numbered in its period with the depreciation voucher, so listing and export treat them all alike.
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';
import { nextVoucherNumber, type VoucherKind } from './generate';
import type { Account } from './mapping';

export interface DocumentVoucherLine {
  summary: string;
  account: Account;
  debit: number;
  credit: number;
  /** The asset behind the line (its amount is the line's debit or credit). */
  assetId: number;
}

/** Writes the voucher and returns its id. Refuses an unbalanced voucher: it would be a bug upstream. */
export function writeDocumentVoucher(
  sqlite: Sqlite,
  v: {
    kind: Exclude<VoucherKind, 'depreciation'>;
    documentId: number;
    documentNumber: string;
    date: string;
    word: string;
    summary: string;
    lines: DocumentVoucherLine[];
    userId: number | null;
    nowIso: string;
  },
): number {
  const debit = v.lines.reduce((s, l) => s + l.debit, 0);
  const credit = v.lines.reduce((s, l) => s + l.credit, 0);
  if (debit !== credit)
    throw new AppError('INTERNAL', 'errors.voucherUnbalanced', { number: v.documentNumber, debit, credit });
  const period = v.date.slice(0, 7);
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO vouchers (period, kind, word, number, voucher_date, summary, total_debit, total_credit, run_id,
           created_by, document_id, document_number, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        period,
        v.kind,
        v.word,
        nextVoucherNumber(sqlite, period, v.word),
        v.date,
        v.summary,
        debit,
        credit,
        v.userId,
        v.documentId,
        v.documentNumber,
        v.nowIso,
        v.nowIso,
      ).lastInsertRowid,
  );
  const line = sqlite.prepare(
    `INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, account_name, debit, credit, asset_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const la = sqlite.prepare('INSERT INTO voucher_line_assets (line_id, asset_id, amount) VALUES (?, ?, ?)');
  v.lines.forEach((l, i) => {
    const lineId = Number(
      line.run(id, i + 1, l.summary, l.account.code, l.account.name, l.debit, l.credit).lastInsertRowid,
    );
    la.run(lineId, l.assetId, l.debit || l.credit);
  });
  return id;
}
