// Units-of-production usage: entered on the screen or imported from Excel, then charged by the monthly
// run. A 100,000.00 元 machine with no residual and 10,000 expected units charges 10.00 a unit.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startLedger, yuan, type Ledger } from './depreciation-run-helpers';
import { jobResult } from './reports-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

function uopLedger() {
  l = startLedger('2024-03-10');
  const U = l.asset({
    name: '叉车',
    cost: yuan(100_000),
    residualRate: 0,
    lifeMonths: 60,
    method: 'units_of_production',
    inServiceDate: '2024-02-10',
  });
  const S = l.asset({
    name: '电脑',
    cost: yuan(6_000),
    residualRate: 0,
    lifeMonths: 36,
    method: 'straight_line',
    inServiceDate: '2024-02-10',
  });
  const code = (id: number) => l!.t.call(l!.admin, 'assets.get', { id }).assetCode;
  return { l, U, S, uCode: code(U.id), sCode: code(S.id) };
}

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作量');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('usage', () => {
  it('usage entered → the units-of-production charge is posted (1,234.5 units × 10.00 = 12,345.00)', async () => {
    const { l, U } = uopLedger();
    // Nothing entered: nothing charged.
    let p = l.t.call(l.acc1, 'depreciation.run', { period: '2024-03', post: false });
    if (p.mode !== 'preview') throw new Error('preview');
    expect(p.rows.find((r) => r.assetId === U.id)!.amount).toBe(0);
    l.t.call(l.acc1, 'usage.set', {
      totals: [{ assetId: U.id, totalUnits: 10_000 }],
      entries: [{ assetId: U.id, period: '2024-03', units: 1234.5 }],
    });
    const list = l.t.call(l.acc1, 'usage.list', { period: '2024-03' });
    expect(list.rows).toMatchObject([{ assetId: U.id, totalUnits: 10_000, units: 1234.5, usedBefore: 0 }]);
    await l.post('2024-03');
    const e = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-03', assetId: U.id });
    expect(e.rows[0]).toMatchObject({ amount: 1_234_500, accumulated: 1_234_500 });
    // A changed usage shows up as a difference from the posting, and re-posting takes it in.
    l.t.call(l.acc1, 'usage.set', { entries: [{ assetId: U.id, period: '2024-03', units: 1000 }] });
    p = l.t.call(l.acc1, 'depreciation.run', { period: '2024-03', post: false });
    if (p.mode !== 'preview') throw new Error('preview');
    expect(p.changedSincePost).toBe(1);
    await l.post('2024-03');
    expect(
      l.t.call(l.acc1, 'depreciation.entries', { period: '2024-03', assetId: U.id }).rows[0]!.amount,
    ).toBe(1_000_000);
  });

  it('refuses usage for an asset that is not units of production, and in a closed period', async () => {
    const { l, U, S } = uopLedger();
    const r = l.t.raw(l.acc1, 'usage.set', { entries: [{ assetId: S.id, period: '2024-03', units: 5 }] });
    expect(r.ok ? 'OK' : JSON.stringify(r.error.details)).toMatch(/notUnitsOfProduction/);
    l.t.call(l.acc1, 'usage.set', {
      totals: [{ assetId: U.id, totalUnits: 10_000 }],
      entries: [{ assetId: U.id, period: '2024-03', units: 10 }],
    });
    await l.post('2024-03');
    l.t.call(l.acc1, 'periods.close', { period: '2024-03' });
    const c = l.t.raw(l.acc1, 'usage.set', { entries: [{ assetId: U.id, period: '2024-03', units: 11 }] });
    expect(c.ok ? 'OK' : c.error.code).toBe('PERIOD_CLOSED');
  });

  it('imports from Excel: problems by row and column and nothing written; then the good file', async () => {
    const { l, U, uCode, sCode } = uopLedger();
    const bad = await xlsx([
      ['月度工作量'],
      ['资产编码', '期间', '工作量', '预计总工作量'],
      [uCode, '2024-03', 200, 10_000],
      ['NOPE-1', '2024-03', 5],
      [sCode, '2024-03', 5],
      [uCode, '2024-13', 5],
      [uCode, '2024-04', -1],
    ]);
    let res = await jobResult<{
      imported: number;
      problems: { row: number; column: string; message: string }[];
      dryRun: boolean;
    }>(l, l.t.call(l.acc1, 'usage.import', { file: bad }).jobId);
    expect(res.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [4, 'A', 'validation.assetNotFound'],
      [5, 'A', 'validation.notUnitsOfProduction'],
      [6, 'B', 'validation.period'],
      [7, 'C', 'validation.usageUnits'],
    ]);
    expect(res.dryRun).toBe(true);
    expect(l.t.call(l.acc1, 'usage.list', { period: '2024-03' }).rows[0]!.units).toBeNull();
    const good = await xlsx([
      ['资产编号', '本期工作量', '预计总工作量'],
      [uCode, 200, 10_000],
    ]);
    res = await jobResult(l, l.t.call(l.acc1, 'usage.import', { file: good, period: '2024-03' }).jobId);
    expect(res).toMatchObject({ imported: 1, problems: [], dryRun: false });
    await l.post('2024-03');
    expect(
      l.t.call(l.acc1, 'depreciation.entries', { period: '2024-03', assetId: U.id }).rows[0]!.amount,
    ).toBe(200_000);
  });
});
