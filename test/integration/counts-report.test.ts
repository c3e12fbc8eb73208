// The count report files (PDF and Excel: summary, differences with resolutions, signatures, the
// difference-rate KPI per count and over time) and the counter's scan feed (counts.scans).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetDto } from '../../src/main/modules/assets/contract';
import type { IoFile } from '../../src/main/modules/io/contract';
import type { TestCore } from '../helpers/core';
import type { LedgerFixtures } from '../helpers/ledger-fixtures';
import { countUser, startCountCore } from './counts-fixtures';

let t: TestCore;
let fx: LedgerFixtures;
let admin: string;
let manager: string;
let approver: string;
let clerk: string;

beforeEach(() => {
  ({ t, admin, fx } = startCountCore());
  manager = countUser(t, 'manager', 'asset_manager');
  approver = countUser(t, 'approver', 'approver');
  clerk = countUser(t, 'clerk', 'clerk');
  // Finance decides the disposal requests that written-off (盘亏) assets become when a count is posted.
  countUser(t, 'accountant', 'accountant');
});
afterEach(async () => {
  await t.close();
});

const asset = (name: string, locationId: number): AssetDto =>
  t.call(admin, 'assets.create', { name, categoryId: fx.cat.furniture, locationId, cost: 10_000 } as never);

let rooms = 0;
/** A room of its own per count, so counts do not hold each other's assets. */
function room(): number {
  rooms++;
  const now = new Date().toISOString();
  return Number(
    t.core.services.sqlite
      .prepare(
        'INSERT INTO locations (parent_id, code, name, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
      )
      .run(fx.loc.floor3, `R${rooms}`, `30${rooms}室`, now, now).lastInsertRowid,
  );
}

/** A finished count over a new room with 3 expected: 1 matched, 1 found in the warehouse, 1 missing, 1 surplus. */
function finishedCount(name: string) {
  const r = room();
  const [a, b, c] = [asset(`${name}-桌`, r), asset(`${name}-椅`, r), asset(`${name}-柜`, r)];
  const count = t.call(manager, 'counts.create', { name, scope: { locationIds: [r] } } as never);
  t.call(manager, 'counts.start', { id: count.id });
  t.call(clerk, 'counts.scan', { countId: count.id, locationId: r } as never);
  t.call(clerk, 'counts.scan', { countId: count.id, code: a!.assetCode } as never);
  t.call(clerk, 'counts.scan', {
    countId: count.id,
    code: b!.assetCode,
    locationId: fx.loc.warehouse,
  } as never);
  t.call(clerk, 'counts.scan', { countId: count.id, code: `UNK-${name}`, locationId: r } as never);
  t.call(manager, 'counts.finish', { id: count.id });
  return { count, a: a!, b: b!, c: c! };
}

async function reportFile(
  token: string,
  id: number,
  format: 'pdf' | 'xlsx',
): Promise<{ file: IoFile; buf: Buffer }> {
  const { jobId } = t.call(token, 'counts.reportFile', { id, format });
  await t.core.services.jobs.idle();
  const job = t.call(token, 'jobs.get', { id: jobId });
  expect(job.status, JSON.stringify(job.error ?? null)).toBe('done');
  const file = job.result as IoFile;
  return { file, buf: Buffer.from(file.data!, 'base64') };
}

describe('count report files', () => {
  it('PDF: summary, differences with their resolutions, KPI over time and the signatures block', async () => {
    const first = finishedCount('一季度');
    t.call(manager, 'counts.resolve', {
      id: first.count.id,
      assetId: first.c.id,
      resolution: 'write_off',
    } as never);
    t.call(approver, 'counts.post', { id: first.count.id });
    const { count, b, c } = finishedCount('二季度');
    t.call(manager, 'counts.resolve', {
      id: count.id,
      assetId: b.id,
      resolution: 'move',
      note: '已搬回',
    } as never);
    t.call(manager, 'counts.resolve', { id: count.id, assetId: c.id, resolution: 'recount' } as never);

    const { file, buf } = await reportFile(approver, count.id, 'pdf');
    expect(file.mime).toBe('application/pdf');
    expect(file.fileName).toMatch(/^盘点报告-\d+-二季度-.*\.pdf$/);
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'count-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), buf);
      if (process.env.COUNT_REPORT_PDF) writeFileSync(process.env.COUNT_REPORT_PDF, buf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      // Long cells wrap inside their column: compare without the layout's spaces and line breaks.
      const flat = text.replace(/\s+/g, '');
      for (const s of [
        '资产盘点报告',
        '盘点人',
        '监盘人',
        '负责人',
        '差异率',
        '位置不符',
        '盘亏',
        '盘盈',
        '已搬回',
        '复盘',
      ])
        expect(flat, s).toContain(s);
      expect(text).toContain(b.assetCode);
      expect(text).toContain('UNK-二季度');
      // The first count: 3 differences out of 4 counted (3 expected + 1 surplus); the second: 2 of 4 while
      // its third difference waits for the recount (it is shown as 待复盘, not yet a difference).
      expect(text.match(/75\.00%/g)?.length).toBeGreaterThanOrEqual(1);
      expect(text.match(/50\.00%/g)?.length).toBeGreaterThanOrEqual(2);
      expect(flat).toContain('待复盘');
      expect(text).toContain('一季度');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Excel: summary with the numeric rate, one row per difference, the trend sheet with every finished count', async () => {
    t.call(approver, 'counts.post', { id: finishedCount('旧盘点').count.id });
    const { count, a, c } = finishedCount('新盘点');
    t.call(manager, 'counts.resolve', {
      id: count.id,
      assetId: c.id,
      resolution: 'write_off',
      note: '报废已久',
    } as never);
    const { file, buf } = await reportFile(manager, count.id, 'xlsx');
    expect(file.fileName.endsWith('.xlsx')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '差异明细', '差异率趋势']);
    const sum = wb.getWorksheet('汇总')!;
    const values = new Map<string, unknown>();
    sum.eachRow((r) => values.set(String(r.getCell(1).value ?? ''), r.getCell(2).value));
    expect(values.get('差异率（数值）')).toBeCloseTo(0.75, 6);
    expect(values.get('盘亏核销')).toBe(1);
    expect(values.get('未处理')).toBe(2);
    for (const s of ['盘点人：', '监盘人：', '负责人：']) expect(values.has(s), s).toBe(true);
    const diff = wb.getWorksheet('差异明细')!;
    const rows = diff.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(3);
    const codes = rows.map((r) => r[1]);
    expect(codes).not.toContain(a.assetCode); // matched rows are not differences
    const missing = rows.find((r) => r[1] === c.assetCode)!;
    expect(missing[3]).toBe('盘亏');
    expect(String(missing[8])).toContain('盘亏核销');
    expect(String(missing[8])).toContain('报废已久');
    const trend = wb.getWorksheet('差异率趋势')!.getSheetValues().slice(2) as unknown[][];
    expect(trend.map((r) => r[2])).toEqual(['旧盘点', '新盘点']);
    expect(trend.map((r) => r[6])).toEqual([0.75, 0.75]);
  });

  it('is for supervisors: a counter may not download the report', () => {
    const { count } = finishedCount('权限');
    const r = t.raw(clerk, 'counts.reportFile', { id: count.id, format: 'pdf' });
    expect(r.ok ? 'OK' : r.error.code).toBe('FORBIDDEN');
  });
});

describe('counts.scans: the counter feed', () => {
  it('says what each scan became; expected facts only for supervisors of a blind count', () => {
    const a = asset('桌', fx.loc.room301);
    const b = asset('椅', fx.loc.warehouse);
    const count = t.call(manager, 'counts.create', {
      name: '盲盘',
      blind: true,
      scope: { locationIds: [fx.loc.hq, fx.loc.warehouse] },
    } as never);
    t.call(manager, 'counts.start', { id: count.id });
    t.call(clerk, 'counts.scan', { countId: count.id, locationId: fx.loc.room301 } as never);
    t.call(clerk, 'counts.scan', { countId: count.id, code: a.assetCode } as never);
    t.call(clerk, 'counts.scan', { countId: count.id, code: b.assetCode } as never);
    t.call(clerk, 'counts.scan', { countId: count.id, code: a.assetCode } as never);
    t.call(clerk, 'counts.scan', { countId: count.id, code: 'NOPE-1' } as never);
    const mine = t.call(clerk, 'counts.scans', { countId: count.id } as never).rows;
    expect(mine.map((r) => r.outcome)).toEqual(['unknown', 'duplicate', 'counted', 'counted', 'room']);
    expect(mine[2]!.assetCode).toBe(b.assetCode);
    expect(mine[2]!.locationName).toBe('301室');
    expect(mine[2]).not.toHaveProperty('elsewhere');
    expect(mine[2]).not.toHaveProperty('expectedLocationName');
    const sup = t.call(manager, 'counts.scans', { countId: count.id, limit: 2 } as never).rows;
    expect(sup).toHaveLength(2);
    const all = t.call(manager, 'counts.scans', { countId: count.id } as never).rows;
    expect(all[2]).toMatchObject({ elsewhere: true, expectedLocationName: '仓库', notOnList: false });
    expect(all[3]).toMatchObject({ elsewhere: false, notOnList: false });
    // The unknown row is described once the counter says what it is.
    expect(all[0]!.described).toBe(false);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7]).toString('base64');
    t.call(clerk, 'counts.addSurplus', {
      countId: count.id,
      detailId: all[0]!.detailId!,
      name: '旧打印机',
      photo: { mime: 'image/png', data: png },
    } as never);
    // The photo is the evidence the supervisor looks at; a row without one says so.
    expect(t.call(manager, 'counts.photo', { id: count.id, detailId: all[0]!.detailId! })).toEqual({
      mime: 'image/png',
      data: png,
    });
    const noPhoto = t.raw(manager, 'counts.photo', { id: count.id, detailId: all[2]!.detailId! });
    expect(noPhoto.ok ? 'OK' : noPhoto.error.code).toBe('NOT_FOUND');
    expect(t.call(clerk, 'counts.scans', { countId: count.id, limit: 1 } as never).rows[0]!.described).toBe(
      true,
    );
  });

  it('finds the count rows of routed device-layer scans by their scan id', () => {
    const a = asset('桌', fx.loc.room301);
    const count = t.call(manager, 'counts.create', {
      name: '路由',
      scope: { locationIds: [fx.loc.room301] },
    } as never);
    t.call(manager, 'counts.start', { id: count.id });
    t.call(clerk, 'counts.activate', { id: count.id, locationId: fx.loc.room301 } as never);
    const s1 = t.call(clerk, 'scans.submit', { code: a.assetCode } as never);
    const s2 = t.call(clerk, 'scans.submit', { code: a.assetCode } as never);
    expect(s1.target).toBe('count');
    const rows = t.call(clerk, 'counts.scans', { countId: count.id, scanIds: [s2.id] } as never).rows;
    expect(rows.map((r) => [r.scanId, r.outcome])).toEqual([[s2.id, 'duplicate']]);
  });
});
