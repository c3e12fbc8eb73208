// Counters restricted to their areas (盘点分工): two counters in two areas, a third not on the count,
// the supervisor unrestricted; scans, room picks, surplus, sheets and device scans outside a counter's
// areas are refused naming the area; counters see only their counts; a blind count leaks nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { TestCore } from '../helpers/core';
import type { LedgerFixtures } from '../helpers/ledger-fixtures';
import { addCountUser, startCountCore, stationScans } from './counts-fixtures';
import type { AssetDto } from '../../src/main/modules/assets/contract';
import { readXlsx } from '../../src/main/modules/io/read-workbook';

let t: TestCore;
let fx: LedgerFixtures;
let admin: string;
let manager: string;
let east: string;
let west: string;
let outsider: string;
const ids: Record<string, number> = {};

function user(username: string, role: string): string {
  const u = addCountUser(t, username, role);
  ids[username] = u.id;
  return u.token;
}

beforeEach(() => {
  ({ t, admin, fx } = startCountCore());
  manager = user('manager', 'asset_manager');
  east = user('east', 'clerk');
  west = user('west', 'clerk');
  outsider = user('outsider', 'clerk');
});
afterEach(async () => {
  await t.close();
});

const asset = (name: string, locationId: number, extra: Record<string, unknown> = {}): AssetDto =>
  t.call(admin, 'assets.create', { name, categoryId: fx.cat.furniture, locationId, ...extra } as never);

const err = (r: ReturnType<TestCore['raw']>) => (r.ok ? null : r.error);

/** A count over everything: east counts the third floor (its room 301 included), west the warehouse. */
function plan(blind = false) {
  const c = t.call(manager, 'counts.create', {
    name: blind ? '分区盲盘' : '分区盘点',
    scope: {},
    blind,
    assignees: [
      { userId: ids.east!, locationIds: [fx.loc.floor3] },
      { userId: ids.west!, locationIds: [fx.loc.warehouse] },
    ],
  });
  t.call(manager, 'counts.start', { id: c.id });
  return c;
}

describe('counters and their areas', () => {
  it('each counter scans only in their areas; refusals name the area; the supervisor counts anywhere', () => {
    const desk = asset('三楼桌子', fx.loc.room301, { custodianId: fx.person.zhang });
    const shelf = asset('仓库货架', fx.loc.warehouse);
    const c = plan();

    // East picks room 301 (under the third floor, their area) and counts the desk there.
    expect(
      t.call(east, 'counts.scan', { countId: c.id, locationId: fx.loc.room301, station: 'e1' }).outcome,
    ).toBe('room');
    expect(t.call(east, 'counts.scan', { countId: c.id, code: desk.assetCode, station: 'e1' })).toMatchObject(
      {
        outcome: 'counted',
        locationId: fx.loc.room301,
      },
    );
    // The warehouse is west's: refused, naming the room and east's own area; nothing recorded.
    expect(
      err(
        t.raw(east, 'counts.scan', {
          countId: c.id,
          code: shelf.assetCode,
          locationId: fx.loc.warehouse,
          station: 'e1',
        }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.countAreaNotAssigned',
      params: { area: '仓库', areas: '三楼' },
    });
    // Nor by scanning the warehouse's room label, nor by activating a station there.
    expect(err(t.raw(east, 'counts.scan', { countId: c.id, code: 'XWH', station: 'e1' }))?.message).toBe(
      'errors.countAreaNotAssigned',
    );
    expect(
      err(t.raw(east, 'counts.activate', { id: c.id, station: 'e2', locationId: fx.loc.warehouse }))?.code,
    ).toBe('FORBIDDEN');
    // A counter with areas must say where they count.
    expect(
      err(t.raw(west, 'counts.scan', { countId: c.id, code: shelf.assetCode, station: 'w1' })),
    ).toMatchObject({ code: 'FORBIDDEN', message: 'errors.countPickArea', params: { areas: '仓库' } });
    // A surplus row outside the area is refused too.
    expect(
      err(t.raw(west, 'counts.addSurplus', { countId: c.id, name: '无主椅子', locationId: fx.loc.room301 }))
        ?.message,
    ).toBe('errors.countAreaNotAssigned');
    t.call(west, 'counts.scan', { countId: c.id, code: 'XWH', station: 'w1' });
    expect(t.call(west, 'counts.scan', { countId: c.id, code: shelf.assetCode, station: 'w1' }).outcome).toBe(
      'counted',
    );
    const shelfRow = t.core.services.sqlite
      .prepare('SELECT found_by, found_location_id FROM count_details WHERE count_id = ? AND asset_id = ?')
      .get(c.id, shelf.id);
    expect(shelfRow).toEqual({ found_by: ids.west, found_location_id: fx.loc.warehouse });

    // Someone not on the count can neither count nor see it.
    expect(err(t.raw(outsider, 'counts.scan', { countId: c.id, locationId: fx.loc.room301 }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.countNotAssigned',
      params: { count: '分区盘点' },
    });
    expect(err(t.raw(outsider, 'counts.get', { id: c.id }))?.message).toBe('errors.countNotAssigned');
    expect(err(t.raw(outsider, 'counts.scans', { countId: c.id }))?.code).toBe('FORBIDDEN');
    expect(err(t.raw(outsider, 'counts.export', { id: c.id }))?.code).toBe('FORBIDDEN');

    // The supervisor counts anywhere, without picking a room.
    const other = asset('走廊柜子', fx.loc.hq);
    expect(
      t.call(manager, 'counts.scan', { countId: c.id, code: other.assetCode, station: 'm1' }).outcome,
    ).toBe('counted');
  });

  it('counters see only the counts they are assigned to (or counts naming no one), and their areas in them', () => {
    asset('三楼桌子', fx.loc.room301);
    const shelf = asset('仓库货架', fx.loc.warehouse);
    const mine = plan();
    const westOnly = t.call(manager, 'counts.create', {
      name: '仓库抽盘',
      scope: { locationIds: [fx.loc.warehouse] },
      assignees: [{ userId: ids.west! }],
    });
    const everyone = t.call(manager, 'counts.create', { name: '无分工', scope: {} });
    const names = (token: string) => t.call(token, 'counts.list', {}).rows.map((r) => r.name);
    expect(names(manager)).toEqual(['无分工', '仓库抽盘', '分区盘点']);
    expect(names(east)).toEqual(['无分工', '分区盘点']);
    expect(names(west)).toEqual(['无分工', '仓库抽盘', '分区盘点']);
    expect(names(outsider)).toEqual(['无分工']);
    expect(t.call(east, 'counts.list', {}).total).toBe(2);
    expect(err(t.raw(east, 'counts.get', { id: westOnly.id }))?.code).toBe('FORBIDDEN');
    expect(t.call(outsider, 'counts.get', { id: everyone.id }).count.name).toBe('无分工');

    // In the count, east sees the third floor's progress and rows, never the warehouse's.
    const seen = t.call(east, 'counts.get', { id: mine.id, limit: 100 });
    expect(seen.progress.map((p) => p.locationId)).toEqual([fx.loc.room301]);
    expect(seen.details.rows.map((d) => d.assetName)).toEqual(['三楼桌子']);
    expect(JSON.stringify(seen.details)).not.toContain(shelf.assetCode);
    // The supervisor sees both areas.
    const sup = t.call(manager, 'counts.get', { id: mine.id, limit: 100 });
    expect(sup.progress.map((p) => p.locationId).sort()).toEqual([fx.loc.room301, fx.loc.warehouse].sort());
  });

  it('a blind count: counters see only what they found in their areas, in screens, feed and sheet', async () => {
    const desk = asset('三楼桌子', fx.loc.room301, { custodianId: fx.person.zhang });
    const lamp = asset('三楼台灯', fx.loc.room301);
    const shelf = asset('仓库货架', fx.loc.warehouse, { custodianId: fx.person.li });
    const c = plan(true);
    t.call(east, 'counts.scan', { countId: c.id, locationId: fx.loc.room301, station: 'e1' });
    t.call(east, 'counts.scan', { countId: c.id, code: desk.assetCode, station: 'e1' });
    t.call(west, 'counts.scan', { countId: c.id, locationId: fx.loc.warehouse, station: 'w1' });
    t.call(west, 'counts.scan', { countId: c.id, code: shelf.assetCode, station: 'w1' });

    const seen = t.call(east, 'counts.get', { id: c.id, limit: 100 });
    expect(seen.showsExpected).toBe(false);
    expect(seen.details.rows.map((d) => d.assetId)).toEqual([desk.id]);
    expect(seen.progress).toEqual([
      { locationId: fx.loc.room301, locationName: '301室', found: 1, unknown: 0 },
    ]);
    const text = JSON.stringify(seen) + JSON.stringify(t.call(east, 'counts.scans', { countId: c.id }));
    for (const hidden of [lamp.assetCode, '三楼台灯', '张伟', 'expectedLocationId', 'remaining', 'result"'])
      expect(text, hidden).not.toContain(hidden);
    expect(JSON.stringify(t.call(east, 'counts.list', {}).rows[0]!.totals)).not.toContain('expected');

    // The sheet: what east found in their areas, no expected column, nothing still to find.
    const { jobId } = t.call(east, 'counts.export', { id: c.id, blind: false });
    await t.core.services.jobs.idle();
    const file = t.call(east, 'jobs.get', { id: jobId }).result as { data: string };
    const sheet = JSON.stringify(readXlsx(Buffer.from(file.data, 'base64')).sheet(0).rows);
    expect(sheet).toContain(desk.assetCode);
    for (const hidden of [lamp.assetCode, shelf.assetCode, '账面位置', '张伟', '李娜'])
      expect(sheet, hidden).not.toContain(hidden);

    // The supervisor's comparison has everything.
    const sup = t.call(manager, 'counts.get', { id: c.id, limit: 100 });
    expect(sup.showsExpected).toBe(true);
    expect(sup.details.rows.find((d) => d.assetId === lamp.id)).toMatchObject({
      expectedLocationId: fx.loc.room301,
    });
    expect(sup.count.totals).toMatchObject({ expected: 3, found: 2, remaining: 1 });
  });

  it('an imported sheet refuses rows outside the area row by row; device scans outside it are logged as rejected', async () => {
    const desk = asset('三楼桌子', fx.loc.room301);
    const shelf = asset('仓库货架', fx.loc.warehouse);
    const c = plan();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('盘点表');
    ws.addRow(['资产编号', '资产名称', '实盘(√)', '实盘位置编码']);
    ws.addRow([desk.assetCode, '', '√', 'XHQ-301']);
    ws.addRow([shelf.assetCode, '', '√', 'XWH']);
    const r = t.call(east, 'counts.import', {
      id: c.id,
      data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(r).toMatchObject({ rows: 2, counted: 1 });
    expect(r.problems).toEqual([
      {
        row: 3,
        column: '实盘位置编码',
        message: 'errors.countAreaNotAssigned',
        params: expect.objectContaining({ area: '仓库' }) as unknown,
      },
    ]);

    // West's scanner on a station activated in the warehouse; a read of room 301's label is refused.
    t.call(west, 'counts.activate', { id: c.id, station: 'w-pc', locationId: fx.loc.warehouse });
    stationScans(t, 'w-pc', [shelf.assetCode, 'XHQ-301']);
    const { sqlite } = t.core.services;
    const log = sqlite
      .prepare("SELECT outcome, user_id FROM count_scans WHERE count_id = ? AND station = 'w-pc' ORDER BY id")
      .all(c.id);
    expect(log).toEqual([
      { outcome: 'counted', user_id: ids.west },
      { outcome: 'rejected', user_id: ids.west },
    ]);
    const feed = t.call(west, 'counts.scans', { countId: c.id, limit: 5 }).rows;
    expect(feed[0]).toMatchObject({ outcome: 'rejected', code: 'XHQ-301' });
  });
});
