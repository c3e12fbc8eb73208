// Reports through dispatch on a two-month ledger worked out by hand (reports-helpers.ts): preview totals,
// the movement summary reconciling, the detail's rows and forecast, and the files read back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger } from './depreciation-run-helpers';
import { jobResult, readWorkbook, toFen, twoMonthLedger } from './reports-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

describe('reports', () => {
  it('折旧明细表: each row opening − charge − impairment = closing; totals equal the posted entries', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const p = l.t.call(l.acc1, 'reports.preview', {
      kind: 'depreciation_detail',
      params: { from: '2024-02', to: '2024-03' },
      limit: 100,
    });
    // A, B, C each month; D both months (0 in February).
    expect(p.total).toBe(8);
    const col = (k: string) => p.columns.findIndex((c) => c.key === k);
    const a = p.rows.filter(
      (r) => r[col('assetCode')] === l!.t.call(l!.acc1, 'assets.get', { id: x.A.id }).assetCode,
    );
    expect(
      a.map((r) => [
        r[col('period')],
        r[col('opening')],
        r[col('amount')],
        r[col('accumulated')],
        r[col('closing')],
      ]),
    ).toEqual([
      ['2024-02', 12_000_000, 190_000, 190_000, 11_810_000],
      ['2024-03', 11_810_000, 190_000, 380_000, 11_620_000],
    ]);
    for (const r of p.rows)
      expect(
        (r[col('opening')] as number) - (r[col('amount')] as number) - (r[col('impairment')] as number),
      ).toBe(r[col('closing')]);
    // February 190,000 + 333,333 + 100,000; March the same + D 83,333.
    expect(p.totals[col('amount')]).toBe(2 * (190_000 + 333_333 + 100_000) + 83_333);
    const entries = l.t.call(l.acc1, 'depreciation.entries', { limit: 100 });
    expect(p.totals[col('amount')]).toBe(entries.rows.reduce((s, e) => s + e.amount, 0));
  });

  it('forecasts after the last posted month with the engine, marked 预测', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const p = l.t.call(l.acc1, 'reports.preview', {
      kind: 'depreciation_detail',
      params: { from: '2024-03', forecastTo: '2024-05' },
      limit: 100,
    });
    const col = (k: string) => p.columns.findIndex((c) => c.key === k);
    const code = l.t.call(l.acc1, 'assets.get', { id: x.D.id }).assetCode;
    const d = p.rows.filter((r) => r[col('assetCode')] === code);
    expect(d.map((r) => [r[col('period')], r[col('amount')], r[col('kind')]])).toEqual([
      ['2024-03', 83_333, '实际'],
      ['2024-04', 83_333, '预测'],
      ['2024-05', 83_333, '预测'],
    ]);
    // End of life: C (36 months from July 2023) ends in June 2026 and trues up to its cost.
    const eol = l.t.call(l.acc1, 'reports.preview', {
      kind: 'depreciation_detail',
      params: { from: '2024-04', forecastTo: 'end_of_life' },
      limit: 1000,
    });
    const cCode = l.t.call(l.acc1, 'assets.get', { id: x.C.id }).assetCode;
    const c = eol.rows.filter((r) => r[col('assetCode')] === cCode);
    expect(c[c.length - 1]![col('period')]).toBe('2026-06');
    expect(c[c.length - 1]![col('closing')]).toBe(0);
    expect(c.length).toBe(27);
  });

  it('增减变动表 reconciles to the fen, and equals the periods module’s movement summary', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const p = l.t.call(l.acc1, 'reports.preview', { kind: 'movement', params: { period: '2024-03' } });
    for (const r of p.rows) {
      const [, opening, add, red, dep, imp, closing] = r as [
        string,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      expect(opening + add - red - dep - imp).toBe(closing);
    }
    const m = l.t.call(l.acc1, 'periods.movement', { period: '2024-03' });
    expect(p.totals[6]).toBe(m.reduce((s, x) => s + x.closing, 0));
    expect(p.totals[4]).toBe(190_000 + 333_333 + 100_000 + 83_333);
  });

  it('exports the detail to .xlsx: frozen header, 元 formats, print setup, totals formula carrying the exact value', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const { jobId } = l.t.call(l.acc1, 'reports.export', {
      kind: 'depreciation_detail',
      params: { from: '2024-02', to: '2024-03' },
      format: 'xlsx',
    });
    const file = await jobResult(l, jobId);
    expect(file.fileName).toMatch(/^折旧明细表-.*\.xlsx$/);
    const wb = await readWorkbook(file);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('折旧明细表');
    expect(ws.getCell('A1').value).toBe('折旧明细表');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.getRow(3).getCell(6).value).toBe('本月折旧');
    // Data rows 4..11, totals on row 12.
    let sum = 0;
    for (let r = 4; r <= 11; r++) {
      expect(ws.getRow(r).getCell(6).numFmt).toBe('#,##0.00');
      sum += toFen(ws.getRow(r).getCell(6).value);
    }
    const total = ws.getRow(12).getCell(6).value as { formula: string; result: number };
    expect(ws.getRow(12).getCell(1).value).toBe('合计');
    expect(total.formula).toBe('ROUND(SUM(F4:F11),2)');
    expect(toFen(total.result)).toBe(sum);
    expect(sum).toBe(2 * (190_000 + 333_333 + 100_000) + 83_333);
    // The per-period summary sheet.
    const s = wb.getWorksheet('按期间汇总')!;
    expect(s.getRow(4).values).toEqual([undefined, '2024-02', 6_233.33, 0, '实际']);
  });

  it('exports the movement summary to a PDF with the CJK font embedded', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const { jobId } = l.t.call(l.acc1, 'reports.export', {
      kind: 'movement',
      params: { period: '2024-03' },
      format: 'pdf',
    });
    const file = await jobResult(l, jobId);
    const buf = Buffer.from(file.data!, 'base64');
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.toString('latin1')).toMatch(/FontFile2/);
    expect(file.mime).toBe('application/pdf');
  });

  it('checks parameters: a missing period, and a month not posted', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const r1 = l.t.raw(l.acc1, 'reports.preview', { kind: 'movement', params: {} });
    expect(r1.ok ? 'OK' : r1.error.code).toBe('VALIDATION');
    const r2 = l.t.raw(l.acc1, 'reports.export', {
      kind: 'allocation',
      params: { period: '2024-04' },
      format: 'xlsx',
    });
    expect(r2.ok ? 'OK' : JSON.stringify(r2.error.details)).toMatch(/periodNotPosted/);
    const r3 = l.t.call(l.acc1, 'reports.preview', { kind: 'register', params: { date: '2024-03-31' } });
    expect(r3.total).toBe(4);
    expect(r3.totals[7]).toBe(12_000_000 + 10_000_000 + 3_600_000 + 5_000_000);
  });
});
