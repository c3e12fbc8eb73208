// Import through dispatch: a messy real-world workbook previewed (sheet, header row, mapping, values,
// problems by sheet row and column), committed as one job, re-imported without changes, updated,
// English headers, GBK CSV, remembered mappings, missing names created, problems workbook, template.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import { encodeGbk, messyWorkbook, toBase64 } from '../fixtures/io/workbooks';
import type { IoFile } from '../../src/main/modules/io/contract';

let t: TestCore;
let fx: LedgerFixtures;

async function jobResult<T>(jobId: string): Promise<T> {
  await t.core.services.jobs.idle();
  const job = t.call(t.adminToken, 'jobs.get', { id: jobId });
  if (job.status !== 'done') throw new Error(`job ${job.status}: ${JSON.stringify(job.error)}`);
  return job.result as T;
}

const assetByCode = (code: string) => t.call(t.adminToken, 'assets.findByCode', { code });
const count = () => t.core.services.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get() as number;

beforeAll(() => {
  t = startTestCore();
  fx = seedLedger(t.core.services.sqlite);
});
afterAll(() => t.close());

describe('io import of a messy workbook', () => {
  let file: string;
  beforeAll(async () => {
    file = await toBase64(messyWorkbook());
  });

  it('finds the sheet and header row, maps by synonyms, reports problems by sheet row and column', () => {
    const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '资产.xlsx' });
    expect(p.sheet).toBe('资产清单');
    expect(p.headerRow).toBe(3);
    const fieldOf = (letter: string) => p.columns.find((c) => c.column === letter)?.field;
    expect(fieldOf('A')).toBeNull(); // 序号
    expect(fieldOf('B')).toBe('assetCode');
    expect(fieldOf('F')).toBe('cost');
    expect(fieldOf('L')).toBeNull(); // the hidden stale 原值 loses to the visible one
    expect(p.columns.find((c) => c.column === 'L')?.hidden).toBe(true);
    expect(p.counts).toEqual({ insert: 4, update: 0, skip: 0, error: 2 });
    expect(p.ignored).toBe(1); // 小计
    const at = (row: number, column: string) =>
      p.problems.find((x) => x.row === row && x.column === column)?.message;
    expect(at(10, 'E')).toBe('validation.io.refNotFound');
    expect(at(10, 'F')).toBe('validation.io.amount');
    expect(at(10, 'G')).toBe('validation.io.date');
    expect(at(11, 'E')).toBe('validation.io.refAmbiguous');
    expect(p.problems.every((x) => x.row === 10 || x.row === 11)).toBe(true);
  });

  it('refuses to commit while rows have problems, then commits the good rows in one job', async () => {
    const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '资产.xlsx' });
    const refused = t.raw(t.adminToken, 'io.importCommit', { previewId: p.id });
    expect(refused.ok).toBe(false);
    const before = count();
    const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id, skipErrorRows: true });
    const r = await jobResult<{ inserted: number }>(jobId);
    expect(r.inserted).toBe(4);
    expect(count()).toBe(before + 4);

    const a1 = assetByCode('IMP-001');
    expect(a1.cost).toBe(1_200_000_00 / 100); // 1.2 万元 = 12,000 元 = 1,200,000 fen
    expect(a1.purchaseDate).toBe('2023-03-15');
    expect(a1.departmentId).toBe(fx.dept.it);
    expect(a1.locationId).toBe(fx.loc.room301);
    expect(a1.custodianId).toBe(fx.person.zhang);
    expect(a1.residualRate).toBe(0.05);
    expect(a1.categoryId).toBe(fx.cat.laptops);
    const a2 = assetByCode('IMP-002');
    expect(a2.cost).toBe(1_200_000); // formula: its cached value
    expect(a2.departmentId).toBe(fx.dept.it); // merged H4:H5
    expect(a2.purchaseDate).toBe('2023-05-01');
    expect(a2.residualRate).toBe(0.03);
    expect(assetByCode('IMP-003').purchaseDate).toBe('2023-05-01');
    expect(assetByCode('IMP-003').cost).toBe(150_000);
    expect(assetByCode('IMP-004').purchaseDate).toBe('2023-05-01');
    expect(assetByCode('IMP-004').cost).toBe(300_000);
    // Category defaults (life) came through the ledger's create rules.
    expect(a1.lifeMonths).toBe(36);
    const history = t.call(t.adminToken, 'assets.history', { id: a1.id });
    expect(history[0]).toMatchObject({ kind: 'created', source: 'import' });
    expect(t.call(t.adminToken, 'audit.verify', {}).ok).toBe(true);
  });

  it('importing the same file again changes nothing (insert and upsert)', async () => {
    for (const mode of ['insert', 'upsert'] as const) {
      const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '资产.xlsx', mode });
      expect(p.counts).toEqual({ insert: 0, update: 0, skip: 4, error: 2 });
      const before = count();
      const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id, skipErrorRows: true });
      expect(await jobResult(jobId)).toMatchObject({ inserted: 0, updated: 0 });
      expect(count()).toBe(before);
    }
    expect(assetByCode('IMP-001').version).toBe(1);
  });

  it('update mode changes only what differs, with history from the import', async () => {
    const changed = await toBase64(messyWorkbook({ cost1: 1.5 }));
    const p = t.call(t.adminToken, 'io.importPreview', { file: changed, fileName: 'x.xlsx', mode: 'update' });
    expect(p.counts).toEqual({ insert: 0, update: 1, skip: 3, error: 2 });
    const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id, skipErrorRows: true });
    expect(await jobResult(jobId)).toMatchObject({ updated: 1 });
    const a1 = assetByCode('IMP-001');
    expect(a1.cost).toBe(1_500_000);
    expect(a1.version).toBe(2);
    const ev = t.call(t.adminToken, 'assets.history', { id: a1.id }).find((e) => e.kind === 'updated');
    expect(ev).toMatchObject({ source: 'import' });
    expect(ev!.changes.find((c) => c.field === 'cost')).toMatchObject({
      before: 1_200_000,
      after: 1_500_000,
    });
  });

  it('a chosen sheet with English headers in any order', async () => {
    const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '资产.xlsx', sheet: 'English' });
    expect(p.headerRow).toBe(1);
    expect(p.counts).toMatchObject({ insert: 2, error: 0 });
    const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id });
    await jobResult(jobId);
    const lamp = assetByCode('EN-001');
    expect(lamp).toMatchObject({
      name: 'Desk lamp',
      cost: 1_234_560,
      inServiceDate: '2024-02-01',
      departmentId: fx.dept.finance,
    });
    expect(assetByCode('EN-002')).toMatchObject({ cost: 800_000, inServiceDate: '2024-01-01' });
  });

  it('a GBK CSV is detected and read; a corrected mapping is remembered for the same header', async () => {
    const csv =
      '资产编号,资产名称,资产类别,购置金额,启用日期,设备说明\r\nGBK-001,会议桌,家具用具,"1,000.00",2023年5月1日,东会议室\r\n';
    const bytes = encodeGbk(csv);
    const first = t.call(t.adminToken, 'io.importPreview', {
      file: bytes.toString('base64'),
      fileName: 'a.csv',
    });
    expect(first.encoding).toBe('gb18030');
    expect(first.columns.find((c) => c.column === 'F')?.field).toBeNull();
    const mapped = t.call(t.adminToken, 'io.importPreview', {
      file: bytes.toString('base64'),
      fileName: 'a.csv',
      mapping: { F: 'notes' },
    });
    expect(mapped.counts.insert).toBe(1);
    await jobResult(t.call(t.adminToken, 'io.importCommit', { previewId: mapped.id }).jobId);
    expect(assetByCode('GBK-001')).toMatchObject({
      name: '会议桌',
      cost: 100_000,
      notes: '东会议室',
      inServiceDate: '2023-05-01',
    });

    // The same header layout, UTF-8 with BOM this time: the mapping comes back by itself.
    const again = t.call(t.adminToken, 'io.importPreview', {
      file: Buffer.from('\uFEFF' + csv, 'utf8').toString('base64'),
      fileName: 'b.csv',
    });
    expect(again.encoding).toBe('utf-8');
    expect(again.mappingRemembered).toBe(true);
    expect(again.columns.find((c) => c.column === 'F')?.field).toBe('notes');
    expect(again.counts).toMatchObject({ insert: 0, skip: 1 });
  });

  it('creates missing custodians and locations when asked, else reports them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['资产编号', '资产名称', '类别', '使用人', '存放地点']);
    ws.addRow(['NEW-001', '投影仪', 'XNB', '赵六', '新库房']);
    ws.addRow(['NEW-002', '幕布', 'XNB', '赵六', '新库房']);
    const file2 = await toBase64(wb);
    const plain = t.call(t.adminToken, 'io.importPreview', { file: file2, fileName: 'n.xlsx' });
    expect(plain.counts.error).toBe(2);
    expect(plain.problems[0]).toMatchObject({ row: 2, column: 'D', message: 'validation.io.refNotFound' });
    const p = t.call(t.adminToken, 'io.importPreview', {
      file: file2,
      fileName: 'n.xlsx',
      createMissing: true,
    });
    expect(p.toCreate).toEqual([
      { table: 'custodians', name: '赵六' },
      { table: 'locations', name: '新库房' },
    ]);
    const r = await jobResult<{ created: { id: number }[] }>(
      t.call(t.adminToken, 'io.importCommit', { previewId: p.id }).jobId,
    );
    expect(r.created).toHaveLength(2);
    const a = assetByCode('NEW-001');
    const b = assetByCode('NEW-002');
    expect(a.custodianName).toBe('赵六');
    expect(b.custodianId).toBe(a.custodianId);
    expect(a.locationName).toBe('新库房');
  });

  it('problems come back as the user’s workbook with marked, commented cells', async () => {
    const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '资产.xlsx' });
    const out = await jobResult<IoFile>(
      t.call(t.adminToken, 'io.problemsWorkbook', { previewId: p.id }).jobId,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data!, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('资产清单')!;
    expect(String(ws.getCell('F10').note)).toContain('金额');
    expect((ws.getCell('F10').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell('E11').note).toBeTruthy();
    expect(ws.getCell('C4').note).toBeUndefined();
    expect(wb.getWorksheet('说明')).toBeTruthy(); // the user's other sheets are kept
  });

  it('the template has Chinese headers, notes and drop-down lists', async () => {
    const out = await jobResult<IoFile>(t.call(t.adminToken, 'io.templates', { kind: 'assets' }).jobId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data!, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('资产导入')!;
    const headers = (ws.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toContain('资产名称');
    expect(headers).toContain('存放地点');
    const catCol = headers.indexOf('资产类别') + 1;
    expect(ws.getCell(2, catCol).dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell(1, 2).note).toBeTruthy();
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
    // The template itself previews cleanly (empty, header recognised).
    const p = t.call(t.adminToken, 'io.importPreview', { file: out.data!, fileName: out.fileName });
    expect(p.counts).toEqual({ insert: 0, update: 0, skip: 0, error: 0 });
  });

  it('only importers may import', () => {
    const r = t.raw(null, 'io.importPreview', { file: 'eA==', fileName: 'a.csv' });
    expect(r.ok).toBe(false);
  });
});
