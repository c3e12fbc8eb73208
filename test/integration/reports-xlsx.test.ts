// Report workbooks from the lean xlsx writer, read back with exceljs: every kind's totals formula carries
// exactly the preview's totals, the header row repeats on print (Print_Titles) and stays frozen, and the
// file is the ledger as it was when the export was asked for (the snapshot connection), not when written.
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger } from './depreciation-run-helpers';
import { jobResult, readWorkbook, toFen, twoMonthLedger } from './reports-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

const KINDS = [
  { kind: 'register', params: { date: '2024-03-31' } },
  { kind: 'movement', params: { period: '2024-03' } },
  { kind: 'allocation', params: { period: '2024-03' } },
  { kind: 'book_tax_difference', params: { from: '2024-02', to: '2024-03' } },
  { kind: 'depreciation_detail', params: { from: '2024-02', to: '2024-03' } },
] as const;

const colOf = (k: number) => String.fromCharCode(65 + k);

describe('report workbooks', () => {
  it('every kind: title, frozen header repeated on print, 元 formats, totals equal to the preview’s to the fen', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    for (const { kind, params } of KINDS) {
      const p = l.t.call(l.acc1, 'reports.preview', { kind, params, limit: 1000 });
      const { jobId } = l.t.call(l.acc1, 'reports.export', { kind, params, format: 'xlsx' });
      const file = await jobResult(l, jobId);
      expect(file.rows).toBe(p.total);
      const ws = (await readWorkbook(file)).worksheets[0]!;
      expect(ws.getCell('A1').value, kind).toBe(p.title);
      expect(ws.getCell('A2').value).toBe(p.subtitle);
      expect(ws.getRow(3).values).toEqual([undefined, ...p.columns.map((c) => c.header)]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '3:3',
      });
      expect(ws.columns.map((c) => c.width)).toEqual(p.columns.map((c) => c.width));
      // Data rows as the preview has them (money in 元, exact to the fen).
      p.rows.forEach((r, i) => {
        const row = ws.getRow(4 + i);
        p.columns.forEach((c, k) => {
          const v = row.getCell(k + 1).value;
          if (c.kind === 'money' && r[k] !== null) {
            expect(toFen(v)).toBe(r[k]);
            expect(row.getCell(k + 1).numFmt).toBe('#,##0.00');
          } else expect(v ?? null).toBe(r[k]);
        });
      });
      const tot = ws.getRow(4 + p.total);
      expect(tot.getCell(1).value).toBe('合计');
      p.columns.forEach((c, k) => {
        if (!c.total) return;
        const cell = tot.getCell(k + 1);
        const sum = `SUM(${colOf(k)}4:${colOf(k)}${3 + p.total})`;
        expect(cell.formula).toBe(c.kind === 'money' ? `ROUND(${sum},2)` : sum);
        // cell.result, not value.result: exceljs leaves a zero result out of the value object.
        const result = cell.result as number;
        expect(c.kind === 'money' ? toFen(result) : result, `${kind} ${c.key}`).toBe(p.totals[k]);
      });
    }
  });

  it('writes the ledger as it was when the export was asked for, even if it changes before the job runs', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const before = l.t.call(l.acc1, 'assets.get', { id: x.A.id });
    const { jobId } = l.t.call(l.acc1, 'reports.export', {
      kind: 'depreciation_detail',
      params: { from: '2024-02', to: '2024-03' },
      format: 'xlsx',
    });
    // The job starts on a later tick: this rename lands first.
    l.t.call(l.admin, 'assets.update', { id: x.A.id, version: before.version, name: '改名后的资产' });
    const ws = (await readWorkbook(await jobResult(l, jobId))).worksheets[0]!;
    const names: unknown[] = [];
    for (let r = 4; r <= 11; r++)
      if (ws.getRow(r).getCell(1).value === before.assetCode) names.push(ws.getRow(r).getCell(2).value);
    expect(names).toEqual([before.name, before.name]);
    const p = l.t.call(l.acc1, 'reports.preview', {
      kind: 'depreciation_detail',
      params: { from: '2024-02', to: '2024-03' },
    });
    expect(p.rows.filter((r) => r[1] === '改名后的资产')).toHaveLength(2);
  });
});
