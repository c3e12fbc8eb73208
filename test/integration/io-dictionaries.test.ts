// Importing the settings dictionaries through dispatch (io.importPreview → io.importCommit): each kind
// keyed on code, messy sheets (title rows, a merged header, Chinese headers out of order, problems by
// row and column), trees whose children come before their parents and parents named by code, name or
// path, a second import of the same file that changes nothing, update/upsert modes, and the templates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';
import { toBase64 } from '../fixtures/io/workbooks';
import type { ImportKind, IoFile } from '../../src/main/modules/io/contract';

let t: TestCore;

beforeAll(() => {
  t = startTestCore();
  seedLedger(t.core.services.sqlite);
});
afterAll(() => t.close());

async function jobResult<T>(jobId: string): Promise<T> {
  await t.core.services.jobs.idle();
  const job = t.call(t.adminToken, 'jobs.get', { id: jobId });
  if (job.status !== 'done') throw new Error(`job ${job.status}: ${JSON.stringify(job.error)}`);
  return job.result as T;
}

function sheet(rows: unknown[][], setup?: (ws: ExcelJS.Worksheet) => void): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  setup?.(ws);
  return wb;
}

const preview = async (kind: ImportKind, wb: ExcelJS.Workbook, extra: Record<string, unknown> = {}) =>
  t.call(t.adminToken, 'io.importPreview', {
    kind,
    file: await toBase64(wb),
    fileName: `${kind}.xlsx`,
    ...extra,
  });

async function commit(previewId: string, skipErrorRows = false) {
  const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId, skipErrorRows });
  return jobResult<{ inserted: number; updated: number; skipped: number }>(jobId);
}

const problemAt = (p: { problems: { row: number; column: string; message: string }[] }, row: number) =>
  p.problems.filter((x) => x.row === row).map((x) => `${x.column}:${x.message}`);

const versions = (table: string) =>
  t.core.services.sqlite.prepare(`SELECT code, version FROM ${table} ORDER BY code`).all();

describe('departments: a messy tree sheet', () => {
  // Title row merged across, a merged header cell (名称 over B:C), headers out of order, a child
  // before its parent, parents by name, by code and by path, a row without a name, a node under itself.
  const wb = () =>
    sheet(
      [
        ['某公司部门一览表'],
        ['上级部门', '部门名称', '', '备注', '部门编码'],
        ['总部/生产部', '一车间', '', '', 'D-110'],
        ['D-100', '二车间', '', '新设', 'D-120'],
        ['总部', '生产部', '', '', 'D-100'],
        ['', '总部', '', '', 'D-000'],
        ['总部', '', '', '名称漏填', 'D-200'],
        ['D-300', '循环部', '', '', 'D-300'],
      ],
      (ws) => {
        ws.mergeCells('A1:E1');
        ws.mergeCells('B2:C2');
      },
    );

  it('previews with problems by sheet row and column', async () => {
    const p = await preview('departments', wb());
    expect(p.headerRow).toBe(2);
    const field = (c: string) => p.columns.find((x) => x.column === c)?.field;
    expect([field('A'), field('B'), field('C'), field('D'), field('E')]).toEqual([
      'parent',
      'name',
      null,
      null,
      'code',
    ]);
    expect(p.counts).toEqual({ insert: 4, update: 0, skip: 0, error: 2 });
    expect(problemAt(p, 7)).toEqual(['B:validation.required']);
    expect(problemAt(p, 8)).toEqual(['A:validation.treeCycle']);
  });

  it('commits parents before children, and a second import changes nothing', async () => {
    const p = await preview('departments', wb());
    expect(await commit(p.id, true)).toMatchObject({ inserted: 4, updated: 0 });
    const list = t.call(t.adminToken, 'settings.departments.list', {});
    const path = (code: string) => list.find((d) => d.code === code)?.pathName;
    expect(path('D-000')).toBe('总部');
    expect(path('D-100')).toBe('总部 / 生产部');
    expect(path('D-110')).toBe('总部 / 生产部 / 一车间');
    expect(path('D-120')).toBe('总部 / 生产部 / 二车间');

    const before = versions('departments');
    const again = await preview('departments', wb());
    expect(again.counts).toEqual({ insert: 0, update: 0, skip: 4, error: 2 });
    expect(await commit(again.id, true)).toMatchObject({ inserted: 0, updated: 0, skipped: 4 });
    expect(versions('departments')).toEqual(before);
  });

  it('moves and renames by code in update mode', async () => {
    const p = await preview(
      'departments',
      sheet([
        ['部门编码', '部门名称', '上级部门'],
        ['D-120', '二车间（新）', '总部'],
        ['D-999', '不存在', ''],
      ]),
      { mode: 'update' },
    );
    expect(p.counts).toEqual({ insert: 0, update: 1, skip: 0, error: 1 });
    expect(problemAt(p, 3)).toEqual(['A:validation.io.keyNotFound']);
    await commit(p.id, true);
    const d = t.call(t.adminToken, 'settings.departments.list', {}).find((x) => x.code === 'D-120');
    expect(d?.pathName).toBe('总部 / 二车间（新）');
  });
});

describe('categories', () => {
  const wb = () =>
    sheet([
      ['分类代码', '类别名称', '上级类别', '折旧年限（年）', '残值率', '折旧方法'],
      ['2010105', '台式机', '2010100', '', '', ''],
      ['2010100', '计算机', '', 5, '5%', '年限平均法'],
      ['2010200', '打印设备', '', '', '3%', '直线法'],
      ['20101@X', '坏编码', '', 3, '5%', '双倍余额递减法'],
      ['2010300', '网络设备', '', 4, '0.04', '不知道'],
    ]);

  it('reads GB/T 14885 codes, life in years, rates and methods; children inherit', async () => {
    const p = await preview('categories', wb());
    expect(p.counts).toEqual({ insert: 2, update: 0, skip: 0, error: 3 });
    expect(problemAt(p, 4)).toEqual(['D:validation.required']); // a root needs its life
    expect(problemAt(p, 5)).toEqual(['A:validation.categoryCode']);
    expect(problemAt(p, 6)).toEqual(['F:validation.io.enumValue']);
    await commit(p.id, true);
    const list = t.call(t.adminToken, 'settings.categories.list', {});
    const pc = list.find((c) => c.code === '2010100')!;
    expect(pc).toMatchObject({ lifeMonths: 60, residualRate: 0.05, method: 'straight_line' });
    const desktop = list.find((c) => c.code === '2010105')!;
    expect(desktop).toMatchObject({ parentId: pc.id, lifeMonths: 60, residualRate: 0.05 });

    const before = versions('categories');
    const again = await preview('categories', wb());
    expect(again.counts).toMatchObject({ insert: 0, update: 0, skip: 2 });
    expect(versions('categories')).toEqual(before);
  });

  it('upsert updates the changed fields only', async () => {
    const p = await preview(
      'categories',
      sheet([
        ['类别编码', '类别名称', '使用月数'],
        ['2010100', '计算机', 72],
        ['2010400', '服务器', 48],
      ]),
      { mode: 'upsert' },
    );
    expect(p.counts).toEqual({ insert: 1, update: 1, skip: 0, error: 0 });
    expect(await commit(p.id)).toMatchObject({ inserted: 1, updated: 1 });
    const pc = t.call(t.adminToken, 'settings.categories.list', {}).find((c) => c.code === '2010100')!;
    expect(pc).toMatchObject({ lifeMonths: 72, residualRate: 0.05, name: '计算机' });
  });
});

describe('locations: paths with the child first', () => {
  it('places 总部/行政楼/3F under nodes defined further down, kinds in Chinese', async () => {
    const wb = sheet([
      ['地点编码', '地点名称', '上级地点', '类型'],
      ['L-3F', '3F', '总部园区/行政楼', '楼层'],
      ['L-301', '301会议室', '总部园区/行政楼/3F', ''],
      ['L-ADM', '行政楼', 'L-HQ', '楼宇'],
      ['L-HQ', '总部园区', '', '场地'],
      ['L-BAD', '某处', '总部园区/不存在的楼', ''],
    ]);
    const p = await preview('locations', wb);
    expect(p.counts).toEqual({ insert: 4, update: 0, skip: 0, error: 1 });
    expect(problemAt(p, 6)).toEqual(['C:validation.io.refNotFound']);
    await commit(p.id, true);
    const list = t.call(t.adminToken, 'settings.locations.list', {});
    const at = (code: string) => list.find((l) => l.code === code);
    expect(at('L-301')).toMatchObject({ pathName: '总部园区 / 行政楼 / 3F / 301会议室', kind: 'room' });
    expect(at('L-3F')?.kind).toBe('floor');
    expect(at('L-HQ')?.kind).toBe('site');
  });
});

describe('custodians, suppliers and dictionary items', () => {
  it('custodians: departments by name or path, missing ones created on request, bad email reported', async () => {
    const wb = sheet([
      ['人员名单'],
      ['姓名', '工号', '所属部门', '邮箱'],
      ['赵六', 'E-101', '信息技术部', 'zhao@example.com'],
      ['钱七', 'E-102', '总经办/财务部', ''],
      ['孙八', 'E-103', '新设部门', ''],
      ['周九', 'E-104', '', 'not-an-email'],
    ]);
    const p = await preview('custodians', wb, { createMissing: true });
    expect(p.headerRow).toBe(2);
    expect(p.counts).toEqual({ insert: 3, update: 0, skip: 0, error: 1 });
    expect(problemAt(p, 6)).toEqual(['D:validation.email']);
    expect(p.toCreate).toEqual([{ table: 'departments', name: '新设部门' }]);
    await commit(p.id, true);
    const rows = t.call(t.adminToken, 'settings.custodians.list', { limit: 100 }).rows;
    const by = (code: string) => rows.find((r) => r.code === code);
    expect(by('E-101')?.departmentName).toBe('总经办 / 信息技术部');
    expect(by('E-102')?.departmentName).toBe('总经办 / 财务部');
    expect(by('E-103')?.departmentName).toBe('新设部门');
    const again = await preview('custodians', wb, { createMissing: true });
    expect(again.counts).toMatchObject({ insert: 0, update: 0, skip: 3 });
  });

  it('suppliers: upsert keyed on code; a bad tax number by row and column', async () => {
    const wb = sheet([
      ['联系人', '供应商名称', '供应商编码', '税号'],
      ['陈经理', '联想集团', 'XS01', '91110000600000000X'],
      ['', '戴尔', 'S-DELL', ''],
      ['', '坏税号公司', 'S-BAD', '12'],
    ]);
    const p = await preview('suppliers', wb, { mode: 'upsert' });
    expect(p.counts).toEqual({ insert: 1, update: 1, skip: 0, error: 1 });
    expect(problemAt(p, 4)).toEqual(['D:validation.taxNo']);
    await commit(p.id, true);
    const rows = t.call(t.adminToken, 'settings.suppliers.list', { limit: 100 }).rows;
    expect(rows.find((r) => r.code === 'XS01')).toMatchObject({
      contact: '陈经理',
      taxNo: '91110000600000000X',
    });
    expect((await preview('suppliers', wb, { mode: 'upsert' })).counts).toMatchObject({
      insert: 0,
      update: 0,
    });
  });

  it('dictionary items: kind by its Chinese name, code unique within the kind', async () => {
    const wb = sheet([
      ['字典类型', '编码', '名称', '排序'],
      ['计量单位', 'XTAI', '台（导入）', 1],
      ['计量单位', 'XJIAN', '件（导入）', 2],
      ['处置原因', 'XTAI', '台风损毁', 1],
      ['不存在的字典', 'X', 'x', 1],
    ]);
    const p = await preview('dictionaries', wb);
    expect(p.counts).toEqual({ insert: 3, update: 0, skip: 0, error: 1 });
    expect(problemAt(p, 5)).toEqual(['A:validation.io.enumValue']);
    await commit(p.id, true);
    const units = t.call(t.adminToken, 'settings.dictionaries.list', { kind: 'unit' });
    expect(units.filter((u) => u.code.startsWith('X')).map((u) => u.name)).toEqual([
      '台（导入）',
      '件（导入）',
    ]);
    const reasons = t.call(t.adminToken, 'settings.dictionaries.list', { kind: 'disposal_reason' });
    expect(reasons.find((u) => u.code === 'XTAI')?.name).toBe('台风损毁');
    expect((await preview('dictionaries', wb)).counts).toMatchObject({ insert: 0, update: 0, skip: 3 });
  });
});

describe('templates', () => {
  it('io.templates lists every kind, and each template has Chinese headers a preview maps back', async () => {
    const { kinds } = t.call(t.adminToken, 'io.templates', { kind: 'assets' });
    expect(kinds.map((k) => k.kind)).toEqual([
      'assets',
      'categories',
      'locations',
      'departments',
      'custodians',
      'suppliers',
      'dictionaries',
    ]);
    for (const { kind } of kinds.slice(1)) {
      const { jobId } = t.call(t.adminToken, 'io.templates', { kind });
      const file = await jobResult<IoFile>(jobId);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.data!, 'base64') as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      expect(headers.every((h) => typeof h === 'string' && /[\u4e00-\u9fa5]/.test(h))).toBe(true);
      expect(ws.getRow(1).getCell(1).note).toBeTruthy();
      // The empty template previews with every column mapped.
      const p = await preview(kind, wb);
      expect(p.columns.every((c) => c.field)).toBe(true);
    }
  });
});
