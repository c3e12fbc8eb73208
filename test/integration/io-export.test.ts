// Export through dispatch: xlsx (streamed) and CSV (BOM) of the list as the user sees it, with a count
// and totals row, and the round trip — an export imported back as an update changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import type { IoFile } from '../../src/main/modules/io/contract';

let t: TestCore;
let fx: LedgerFixtures;

async function jobResult<T>(jobId: string): Promise<T> {
  await t.core.services.jobs.idle();
  const job = t.call(t.adminToken, 'jobs.get', { id: jobId });
  if (job.status !== 'done') throw new Error(`job ${job.status}: ${JSON.stringify(job.error)}`);
  return job.result as T;
}

beforeAll(() => {
  t = startTestCore();
  fx = seedLedger(t.core.services.sqlite);
  const mk = (name: string, cost: number, extra: Record<string, unknown> = {}) =>
    t.call(t.adminToken, 'assets.create', { name, categoryId: fx.cat.laptops, cost, ...extra });
  mk('笔记本 甲', 650_000, {
    custodianId: fx.person.zhang,
    locationId: fx.loc.warehouse,
    purchaseDate: '2023-01-05',
    inServiceDate: '2023-02-01',
    residualRate: 0.05,
    model: '=SUM(1)',
  });
  mk('笔记本 乙', 123_456, { departmentId: fx.dept.it, notes: '带"引号",和逗号\n换行', legacyId: 'OLD-7' });
  mk('书柜', 99, {
    categoryId: fx.cat.furniture,
    residualValue: 9,
    quantity: 2.5,
    unit: '组',
    warrantyEnd: '2026-12-31',
  });
});
afterAll(() => t.close());

describe('io export', () => {
  it('xlsx: title, headers, rows in the list order, count and totals; imports back with no change', async () => {
    const out = await jobResult<IoFile>(
      t.call(t.adminToken, 'io.export', {
        list: 'assets',
        query: { sort: [{ field: 'cost', dir: 'desc' }] },
        format: 'xlsx',
      }).jobId,
    );
    expect(out.rows).toBe(3);
    expect(existsSync(join(t.dataDir, out.path!))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data!, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('资产台账');
    expect(ws.getCell('B2').value).toBe('资产名称');
    expect(ws.getCell('B3').value).toBe('笔记本 甲');
    expect(ws.getCell('B5').value).toBe('书柜');
    expect(ws.getCell('A6').value).toBe('合计');
    expect(ws.getCell('B6').value).toBe('共 3 项');
    const costCol = (ws.getRow(2).values as unknown[]).indexOf('原值');
    expect(ws.getCell(6, costCol).value).toBeCloseTo((650_000 + 123_456 + 99) / 100, 2);

    const p = t.call(t.adminToken, 'io.importPreview', {
      file: out.data!,
      fileName: out.fileName,
      mode: 'update',
    });
    expect(p.problems).toEqual([]);
    expect(p.counts).toEqual({ insert: 0, update: 0, skip: 3, error: 0 });
    expect(p.ignored).toBe(1);
  });

  it('csv: UTF-8 BOM, quoting, formula guard, totals; imports back with no change', async () => {
    const out = await jobResult<IoFile>(t.call(t.adminToken, 'io.export', { format: 'csv' }).jobId);
    const bytes = Buffer.from(out.data!, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('"带""引号"",和逗号\n换行"');
    expect(text).toContain("'=SUM(1)");
    expect(text.trim().split('\r\n').pop()).toMatch(/^合计,共 3 项/);
    const p = t.call(t.adminToken, 'io.importPreview', {
      file: out.data!,
      fileName: out.fileName,
      mode: 'update',
    });
    expect(p.problems).toEqual([]);
    expect(p.counts).toEqual({ insert: 0, update: 0, skip: 3, error: 0 });
  });

  it('filters and columns as the user chose; an employee cannot export', async () => {
    const out = await jobResult<IoFile>(
      t.call(t.adminToken, 'io.export', {
        query: { query: '笔记本' },
        columns: ['assetCode', 'name', 'cost'],
        format: 'csv',
      }).jobId,
    );
    const lines = Buffer.from(out.data!, 'base64').toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('资产编号,资产名称,原值');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('合计,共 2 项,7734.56');
  });
});
