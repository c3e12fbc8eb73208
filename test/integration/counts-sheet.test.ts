// The offline count sheet through dispatch: export (open), fill in with Excel's own library, import
// back; counted rows become scans, a new row becomes surplus, bad rows are reported by row and column.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import type { AssetDto } from '../../src/main/modules/assets/contract';

let t: TestCore;
let fx: LedgerFixtures;
let admin: string;

beforeEach(() => {
  t = startTestCore();
  admin = t.adminToken;
  fx = seedLedger(t.core.services.sqlite);
});
afterEach(async () => {
  await t.close();
});

const asset = (name: string, locationId: number): AssetDto =>
  t.call(admin, 'assets.create', { name, categoryId: fx.cat.furniture, locationId } as never);

/** exceljs declares its own Buffer (an ArrayBuffer); hand it the bytes it reads. */
async function exportSheet(id: number, blind?: boolean): Promise<ArrayBuffer> {
  const { jobId } = t.call(admin, 'counts.export', { id, blind });
  await t.core.services.jobs.idle();
  const job = t.call(admin, 'jobs.get', { id: jobId });
  expect(job.status).toBe('done');
  const buf = Buffer.from((job.result as { data: string }).data, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer;
}

describe('count sheet', () => {
  it('round trip: export, fill in, import; a bad row is reported by row and column and skipped', async () => {
    const a = asset('桌子', fx.loc.room301);
    const b = asset('柜子', fx.loc.room301);
    const c = asset('椅子', fx.loc.warehouse);
    const d = asset('沙发', fx.loc.warehouse);
    const count = t.call(admin, 'counts.create', { name: '离线盘点', scope: {} });
    t.call(admin, 'counts.start', { id: count.id });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exportSheet(count.id));
    const ws = wb.getWorksheet('盘点表')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '资产编号',
      '资产名称',
      '规格型号',
      '序列号',
      '账面位置',
      '账面保管人',
      '账面状态',
      '实盘(√)',
      '实盘位置编码',
      '实际状态',
      '备注',
    ]);
    const col = (h: string) => header.indexOf(h) + 1;
    const rowOf = new Map<string, number>();
    ws.eachRow((row, n) => {
      if (n > 1) rowOf.set(String(row.getCell(1).value), n);
    });
    expect(rowOf.size).toBe(4);
    expect(String(ws.getRow(rowOf.get(a.assetCode)!).getCell(col('账面位置')).value)).toContain('301室');

    const set = (code: string, values: Record<string, string>) => {
      const row = ws.getRow(rowOf.get(code)!);
      for (const [h, v] of Object.entries(values)) row.getCell(col(h)).value = v;
      row.commit();
    };
    set(a.assetCode, { '实盘(√)': '√', 实盘位置编码: 'XHQ-301' });
    set(b.assetCode, { '实盘(√)': '√', 实盘位置编码: 'NO-SUCH-ROOM' });
    set(c.assetCode, { '实盘(√)': '是', 实盘位置编码: 'XWH', 实际状态: '闲置', 备注: '落灰' });
    set(d.assetCode, { '实盘(√)': '也许' });
    const extra = ws.addRow([]);
    extra.getCell(col('资产名称')).value = '没贴标签的柜子';
    extra.getCell(col('实盘(√)')).value = '√';
    extra.getCell(col('实盘位置编码')).value = 'XWH';
    const extraRow = extra.number;
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

    const r = t.call(admin, 'counts.import', { id: count.id, data, fileName: 'sheet.xlsx' });
    expect(r).toMatchObject({ rows: 5, counted: 2, duplicates: 0, surplus: 1 });
    expect(r.problems).toEqual([
      {
        row: rowOf.get(b.assetCode),
        column: '实盘位置编码',
        message: 'validation.unknownLocation',
        params: { value: 'NO-SUCH-ROOM' },
      },
      {
        row: rowOf.get(d.assetCode),
        column: '实盘(√)',
        message: 'validation.countedMark',
        params: { value: '也许' },
      },
    ]);
    expect(extraRow).toBe(6);

    const rows = t.call(admin, 'counts.get', { id: count.id, state: 'found' }).details.rows;
    const byAsset = new Map(rows.map((x) => [x.assetId, x]));
    expect(byAsset.get(a.id)).toMatchObject({ foundLocationId: fx.loc.room301, foundStation: 'sheet' });
    expect(byAsset.get(c.id)).toMatchObject({
      foundLocationId: fx.loc.warehouse,
      foundStatus: 'idle',
      note: '落灰',
    });
    expect(byAsset.has(b.id)).toBe(false);
    expect(byAsset.get(null)).toMatchObject({ name: '没贴标签的柜子', foundLocationId: fx.loc.warehouse });

    // Importing the same sheet again counts nothing twice.
    const again = t.call(admin, 'counts.import', { id: count.id, data });
    expect(again).toMatchObject({ counted: 0, duplicates: 2 });
    // The sheet's station does not linger as a scan route.
    expect(
      t.core.services.sqlite
        .prepare("SELECT COUNT(*) FROM count_stations WHERE station = 'sheet'")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('a blind sheet has no expected columns; a sheet without the headers is refused', async () => {
    asset('桌子', fx.loc.room301);
    const count = t.call(admin, 'counts.create', { name: '盲', scope: {}, blind: true });
    t.call(admin, 'counts.start', { id: count.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exportSheet(count.id));
    const header = (wb.getWorksheet('盘点表')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '资产编号',
      '资产名称',
      '规格型号',
      '序列号',
      '实盘(√)',
      '实盘位置编码',
      '实际状态',
      '备注',
    ]);
    // The supervisor may ask for the open sheet.
    const open = new ExcelJS.Workbook();
    await open.xlsx.load(await exportSheet(count.id, false));
    expect((open.getWorksheet('盘点表')!.getRow(1).values as unknown[]).slice(1)).toContain('账面位置');

    const bad = new ExcelJS.Workbook();
    bad.addWorksheet('Sheet1').addRow(['编号', '名称']);
    const r = t.raw(admin, 'counts.import', {
      id: count.id,
      data: Buffer.from(await bad.xlsx.writeBuffer()).toString('base64'),
    });
    expect(r.ok ? null : r.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'data', message: 'validation.countSheetHeaders' }],
    });
  });
});
