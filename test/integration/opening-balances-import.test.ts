// Opening balances brought in from an old register (issue 5): the 累计折旧 / 已提月数 / 减值准备 columns are
// stored on the cards and the monthly run continues from them; figures the card refuses are reported by row
// and column. The ledger starts in January 2024, so the figures stand at 2023-12. Money in fen.
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startLedger, type Ledger } from './depreciation-run-helpers';
import { toBase64 } from '../fixtures/io/workbooks';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

function januaryLedger() {
  l = startLedger('2024-01-20');
  return l;
}

function entriesOf(l: Ledger, period: string) {
  const page = l.t.call(l.acc1, 'depreciation.entries', { period, offset: 0, limit: 100 });
  return new Map(page.rows.map((r) => [r.assetId, r]));
}

describe('import of opening balances', () => {
  async function sheet(l: Ledger): Promise<string> {
    const category = l.t.core.services.sqlite
      .prepare('SELECT name FROM categories WHERE id = ?')
      .pluck()
      .get(l.categoryId) as string;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('旧账');
    ws.addRow([
      '资产编号',
      '资产名称',
      '资产类别',
      '原值',
      '残值率',
      '使用月数',
      '折旧方法',
      '启用日期',
      '累计折旧',
      '已提月数',
      '减值准备',
    ]);
    // The straight-line case of the run above, and the impaired one, as an old register would have them.
    ws.addRow([
      'OB-001',
      '旧车床',
      category,
      120000,
      '5%',
      60,
      '年限平均法',
      '2022-01-10',
      '45,600.00',
      24,
      null,
    ]);
    ws.addRow([
      'OB-002',
      '旧冲床',
      category,
      '¥60,000',
      0,
      60,
      '年限平均法',
      '2021/12/1',
      24000,
      '24个月',
      6000,
    ]);
    // In use from the month before the ledger: nothing charged yet, 0 months is a real figure.
    ws.addRow(['OB-003', '新叉车', category, 36000, 0, 36, '年限平均法', '2023-12-05', 0, 0, null]);
    return toBase64(wb);
  }

  async function importSheet(l: Ledger, file: string, mode: 'insert' | 'upsert') {
    const p = l.t.call(l.admin, 'io.importPreview', { file, fileName: '旧账.xlsx', mode });
    return p;
  }

  it('stores the three columns, and the run continues from them to the hand-computed charge', async () => {
    const l = januaryLedger();
    const file = await sheet(l);
    const p = await importSheet(l, file, 'insert');
    expect(p.problems).toEqual([]);
    expect(p.counts).toEqual({ insert: 3, update: 0, skip: 0, error: 0 });
    const { jobId } = l.t.call(l.admin, 'io.importCommit', { previewId: p.id });
    await l.t.core.services.jobs.idle();
    expect(l.t.call(l.admin, 'jobs.get', { id: jobId }).status).toBe('done');

    const a1 = l.t.call(l.admin, 'assets.findByCode', { code: 'OB-001' });
    const a2 = l.t.call(l.admin, 'assets.findByCode', { code: 'OB-002' });
    const a3 = l.t.call(l.admin, 'assets.findByCode', { code: 'OB-003' });
    expect(a1).toMatchObject({
      openingAccumulated: 4_560_000,
      openingMonths: 24,
      openingImpairment: 0,
      openingPeriod: '2023-12',
    });
    expect(a2).toMatchObject({
      openingAccumulated: 2_400_000,
      openingMonths: 24,
      openingImpairment: 600_000,
    });
    expect(a3).toMatchObject({ openingAccumulated: 0, openingMonths: 0, openingImpairment: 0 });

    // Importing the same file again changes nothing.
    const again = await importSheet(l, file, 'upsert');
    expect(again.counts).toEqual({ insert: 0, update: 0, skip: 3, error: 0 });

    // January 2024: (114,000 − 45,600) / 36 = 1,900.00; (60,000 − 24,000 − 6,000) / 36 = 833.33;
    // 36,000 / 36 = 1,000.00 (its first month).
    await l.post('2024-01');
    const e = entriesOf(l, '2024-01');
    expect(e.get(a1.id)).toMatchObject({ amount: 190_000, accumulated: 4_750_000 });
    expect(e.get(a2.id)).toMatchObject({ amount: 83_333, accumulated: 2_483_333, impairment: 600_000 });
    expect(e.get(a3.id)).toMatchObject({ amount: 100_000, accumulated: 100_000 });
  });

  it('reports figures beyond what the card allows by row and column', async () => {
    const l = januaryLedger();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('旧账');
    ws.addRow(['资产名称', '资产类别', '原值', '残值率', '使用月数', '启用日期', '累计折旧', '已提月数']);
    const category = l.t.core.services.sqlite
      .prepare('SELECT name FROM categories WHERE id = ?')
      .pluck()
      .get(l.categoryId) as string;
    // Accumulated 10,000.01 on a 10,000.00 card; 61 months on a 60-month life.
    ws.addRow(['甲', category, 10000, 0, 60, '2022-01-10', 10000.01, 24]);
    ws.addRow(['乙', category, 10000, 0, 60, '2022-01-10', 1000, 61]);
    const p = await importSheet(l, await toBase64(wb), 'insert');
    expect(p.counts.error).toBe(2);
    expect(p.problems.map((x) => `${x.row}${x.column} ${x.message}`)).toEqual([
      '2G validation.openingExceedsDepreciable',
      '3H validation.openingMonthsExceedLife',
    ]);
  });
});
