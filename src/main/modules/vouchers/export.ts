// Vouchers to Excel in the generic layout of docs/voucher-layout.md: one row per voucher line, the header
// on row 1 and nothing else on the sheet, so accounting software can import it; the assets behind each
// line go on a second sheet.
import ExcelJS from 'exceljs';
import type { Sqlite } from '../../db/client';
import { getVoucher } from './generate';

export const VOUCHER_HEADERS = [
  '凭证日期',
  '凭证字',
  '凭证号',
  '摘要',
  '科目编码',
  '科目名称',
  '借方金额',
  '贷方金额',
  '附件数',
  '辅助核算',
];

export async function writeVouchersXlsx(sqlite: Sqlite, ids: number[], file: string): Promise<number> {
  // Read everything first (synchronously), then write: nothing touches the database across an await.
  const vouchers = ids.map((id) => getVoucher(sqlite, id, 1_000_000));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('凭证', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  const money = { numFmt: '#,##0.00' };
  ws.columns = [
    { width: 12 },
    { width: 7 },
    { width: 7 },
    { width: 24 },
    { width: 12 },
    { width: 18 },
    { width: 15, style: money },
    { width: 15, style: money },
    { width: 7 },
    { width: 16 },
  ];
  const head = ws.addRow(VOUCHER_HEADERS);
  head.font = { bold: true };
  head.commit();
  let rows = 0;
  for (const v of vouchers) {
    for (const l of v.lines ?? []) {
      // Dates as text YYYY-MM-DD: every importer reads that, and no time zone can shift it.
      ws.addRow([
        v.voucherDate,
        v.word,
        v.number,
        l.summary,
        l.accountCode,
        l.accountName,
        l.debit ? l.debit / 100 : null,
        l.credit ? l.credit / 100 : null,
        1,
        '',
      ]).commit();
      rows++;
    }
  }
  ws.commit();
  const ds = wb.addWorksheet('凭证资产明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  ds.columns = [
    { width: 9 },
    { width: 7 },
    { width: 7 },
    { width: 12 },
    { width: 18 },
    { width: 20 },
    { width: 24 },
    { width: 15, style: money },
  ];
  const h2 = ds.addRow(['期间', '凭证字', '凭证号', '科目编码', '科目名称', '资产编码', '资产名称', '金额']);
  h2.font = { bold: true };
  h2.commit();
  for (const v of vouchers)
    for (const l of v.lines ?? [])
      if (l.debit)
        for (const a of l.assets)
          ds.addRow([
            v.period,
            v.word,
            v.number,
            l.accountCode,
            l.accountName,
            a.assetCode,
            a.assetName,
            a.amount / 100,
          ]).commit();
  ds.commit();
  await wb.commit();
  return rows;
}
