// Inventory counts through dispatch: scope, freezing, location-first scans, duplicates, surplus,
// classification, blind hiding, the count lock, resolution and second-person posting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../helpers/core';
import type { LedgerFixtures } from '../helpers/ledger-fixtures';
import { countUser, startCountCore, stationScans } from './counts-fixtures';
import type { AssetDto } from '../../src/main/modules/assets/contract';
import type { CountDetailDto } from '../../src/main/modules/counts/contract';

let t: TestCore;
let fx: LedgerFixtures;
let admin: string;
let manager: string;
let clerk: string;
let approver: string;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');

beforeEach(() => {
  ({ t, admin, fx } = startCountCore());
  manager = countUser(t, 'manager', 'asset_manager');
  clerk = countUser(t, 'clerk', 'clerk');
  approver = countUser(t, 'approver', 'approver');
  // Finance decides the disposal requests that written-off (盘亏) assets become when a count is posted.
  countUser(t, 'accountant', 'accountant');
});
afterEach(async () => {
  await t.close();
});

const asset = (name: string, locationId: number | null, extra: Record<string, unknown> = {}): AssetDto =>
  t.call(admin, 'assets.create', { name, categoryId: fx.cat.furniture, locationId, ...extra } as never);

const locCode = (id: number) =>
  t.core.services.sqlite.prepare('SELECT code FROM locations WHERE id = ?').pluck().get(id) as string;

const errCode = (r: ReturnType<TestCore['raw']>) => (r.ok ? 'OK' : r.error.code);

function details(token: string, id: number, extra: Record<string, unknown> = {}): CountDetailDto[] {
  return t.call(token, 'counts.get', { id, limit: 500, ...extra } as never).details.rows;
}

describe('plans and scope', () => {
  it('selects by location subtree, category subtree, custodian and status; the sample is seeded and above a cost', () => {
    const a301 = asset('桌子301', fx.loc.room301);
    const a3f = asset('柜子3F', fx.loc.floor3, { custodianId: fx.person.zhang });
    const aWh = asset('仓库架', fx.loc.warehouse, { categoryId: fx.cat.laptops, cost: 500_000 });
    const aHq = asset('大厅沙发', fx.loc.hq, { cost: 900_000 });
    const start = (scope: Record<string, unknown>) => {
      const c = t.call(manager, 'counts.create', { name: 'scope', scope } as never);
      t.call(manager, 'counts.start', { id: c.id });
      const ids = details(manager, c.id)
        .map((d) => d.assetId)
        .sort();
      t.call(manager, 'counts.cancel', { id: c.id });
      return ids;
    };
    expect(start({ locationIds: [fx.loc.floor3] })).toEqual([a301.id, a3f.id].sort());
    expect(start({ locationIds: [fx.loc.hq] })).toEqual([a301.id, a3f.id, aHq.id].sort());
    expect(start({ categoryIds: [fx.cat.equipment] })).toEqual([aWh.id]);
    expect(start({ custodianIds: [fx.person.zhang] })).toEqual([a3f.id]);
    expect(start({ statuses: ['idle'] })).toEqual([]);
    expect(start({ sample: { size: 5, minCost: 400_000 } })).toEqual([aWh.id, aHq.id].sort());
    const s1 = start({ sample: { size: 2, seed: 7 } });
    expect(s1).toHaveLength(2);
    expect(start({ sample: { size: 2, seed: 7 } })).toEqual(s1);
  });

  it('start freezes the expected facts; the count lock refuses moves, custodian and status changes, deletes', () => {
    const a = asset('桌子', fx.loc.room301, { custodianId: fx.person.li });
    const other = asset('不在范围', fx.loc.warehouse);
    const c = t.call(manager, 'counts.create', { name: '三楼盘点', scope: { locationIds: [fx.loc.floor3] } });
    // A draft holds nothing.
    expect(errCode(t.raw(admin, 'assets.update', { id: a.id, version: a.version, notes: 'draft ok' }))).toBe(
      'OK',
    );
    const started = t.call(manager, 'counts.start', { id: c.id });
    expect(started.status).toBe('in_progress');
    expect(started.totals).toMatchObject({ expected: 1, found: 0, remaining: 1 });
    const [d] = details(manager, c.id);
    expect(d).toMatchObject({
      assetId: a.id,
      expectedLocationId: fx.loc.room301,
      expectedCustodianId: fx.person.li,
      expectedStatus: 'in_use',
    });

    const now = t.call(admin, 'assets.get', { id: a.id });
    const locked = t.raw(admin, 'assets.update', {
      id: a.id,
      version: now.version,
      locationId: fx.loc.warehouse,
    });
    expect(locked.ok ? null : locked.error).toMatchObject({
      code: 'ASSET_LOCKED',
      message: 'errors.assetLocked',
      params: { count: '三楼盘点' },
    });
    expect(
      errCode(t.raw(admin, 'assets.update', { id: a.id, version: now.version, custodianId: fx.person.wang })),
    ).toBe('ASSET_LOCKED');
    expect(errCode(t.raw(admin, 'assets.bulkUpdate', { ids: [a.id], set: { locationId: fx.loc.hq } }))).toBe(
      'ASSET_LOCKED',
    );
    expect(
      errCode(t.raw(admin, 'assets.changeStatus', { id: a.id, version: now.version, status: 'idle' })),
    ).toBe('ASSET_LOCKED');
    expect(errCode(t.raw(admin, 'assets.delete', { id: a.id, version: now.version, reason: 'x' }))).toBe(
      'ASSET_LOCKED',
    );
    // Fields the count does not freeze stay editable, and assets outside it are free.
    expect(
      errCode(t.raw(admin, 'assets.update', { id: a.id, version: now.version, notes: 'still editable' })),
    ).toBe('OK');
    expect(
      errCode(t.raw(admin, 'assets.changeStatus', { id: other.id, version: other.version, status: 'idle' })),
    ).toBe('OK');
    // One asset, one open count.
    const c2 = t.call(manager, 'counts.create', { name: '重叠', scope: { locationIds: [fx.loc.room301] } });
    expect(errCode(t.raw(manager, 'counts.start', { id: c2.id }))).toBe('ASSET_LOCKED');
    // Cancelling releases the lock.
    t.call(manager, 'counts.cancel', { id: c.id });
    const again = t.call(admin, 'assets.get', { id: a.id });
    expect(
      errCode(
        t.raw(admin, 'assets.update', { id: a.id, version: again.version, locationId: fx.loc.warehouse }),
      ),
    ).toBe('OK');
  });
});

describe('counting and finishing', () => {
  it('location-first scans, duplicate warning, unknown → surplus, and all five results at finish', () => {
    const matched = asset('匹配', fx.loc.room301);
    const moved = asset('放错', fx.loc.room301, { serialNo: 'SN-MOVED-1' });
    const idle = asset('闲置', fx.loc.warehouse);
    const missing = asset('丢失', fx.loc.warehouse);
    const c = t.call(manager, 'counts.create', { name: '全盘', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });

    // Scan the room label first, then the assets in it.
    const room = t.call(clerk, 'counts.scan', { countId: c.id, code: locCode(fx.loc.room301) });
    expect(room).toMatchObject({ outcome: 'room', locationId: fx.loc.room301, resolvedBy: 'location' });
    const s1 = t.call(clerk, 'counts.scan', { countId: c.id, code: matched.assetCode });
    expect(s1).toMatchObject({
      outcome: 'counted',
      warning: null,
      assetId: matched.id,
      locationId: fx.loc.room301,
    });
    const dup = t.call(clerk, 'counts.scan', { countId: c.id, code: matched.assetCode });
    expect(dup).toMatchObject({
      outcome: 'duplicate',
      warning: 'duplicate',
      first: { locationId: fx.loc.room301 },
    });

    // Pick the warehouse by id; the moved asset is found there, by its serial number.
    t.call(clerk, 'counts.scan', { countId: c.id, locationId: fx.loc.warehouse });
    const s2 = t.call(clerk, 'counts.scan', { countId: c.id, code: 'SN-MOVED-1' });
    expect(s2).toMatchObject({
      outcome: 'counted',
      assetId: moved.id,
      resolvedBy: 'serial',
      locationId: fx.loc.warehouse,
    });
    t.call(clerk, 'counts.scan', { countId: c.id, code: idle.assetCode, status: 'idle' });
    const unknown = t.call(clerk, 'counts.scan', { countId: c.id, code: 'NOT-ON-BOOKS-9' });
    expect(unknown).toMatchObject({ outcome: 'unknown', warning: 'unknown', assetId: null });
    expect(t.call(clerk, 'counts.scan', { countId: c.id, code: 'NOT-ON-BOOKS-9' }).outcome).toBe('duplicate');
    const surplus = t.call(clerk, 'counts.addSurplus', {
      countId: c.id,
      detailId: unknown.detailId!,
      name: '无标签打印机',
      estimatedValue: 120_000,
      photo: { mime: 'image/png', data: PNG },
    });
    expect(surplus).toMatchObject({
      name: '无标签打印机',
      estimatedValue: 120_000,
      hasPhoto: true,
      foundLocationId: fx.loc.warehouse,
    });

    // Each scan is persisted with time, counter, station and room.
    const log = t.core.services.sqlite
      .prepare(
        'SELECT outcome, user_id, station, location_id FROM count_scans WHERE count_id = ? ORDER BY id',
      )
      .all(c.id) as { outcome: string; user_id: number; station: string; location_id: number | null }[];
    expect(log.map((l) => l.outcome)).toEqual([
      'room',
      'counted',
      'duplicate',
      'room',
      'counted',
      'counted',
      'unknown',
      'duplicate',
    ]);
    expect(new Set(log.map((l) => l.station))).toEqual(new Set(['local']));
    expect(log[1]!.location_id).toBe(fx.loc.room301);

    const live = t.call(manager, 'counts.get', { id: c.id });
    expect(live.count.totals).toMatchObject({
      expected: 4,
      found: 2,
      foundElsewhere: 1,
      unknown: 1,
      remaining: 1,
      differences: null,
    });
    const wh = live.progress.find((p) => p.locationId === fx.loc.warehouse)!;
    expect(wh).toMatchObject({
      expected: 2,
      found: 1,
      remaining: 1,
      unknown: 1,
      arrived: 1,
      foundElsewhere: 0,
    });
    const r301 = live.progress.find((p) => p.locationId === fx.loc.room301)!;
    expect(r301).toMatchObject({ expected: 2, found: 1, foundElsewhere: 1, remaining: 0 });

    // Finishing classifies and changes nothing in the ledger.
    const before = t.call(admin, 'assets.get', { id: moved.id });
    const done = t.call(manager, 'counts.finish', { id: c.id });
    expect(done.status).toBe('finished');
    const result = Object.fromEntries(details(manager, c.id).map((d) => [d.assetId ?? 'surplus', d.result]));
    expect(result).toEqual({
      [matched.id]: 'matched',
      [moved.id]: 'location_mismatch',
      [idle.id]: 'status_mismatch',
      [missing.id]: 'missing',
      surplus: 'surplus',
    });
    expect(done.totals.differences).toBe(4);
    expect(done.totals.differenceRate).toBeCloseTo(4 / 5);
    expect(t.call(admin, 'assets.get', { id: moved.id })).toEqual(before);
    // A finished count takes no more scans.
    expect(errCode(t.raw(clerk, 'counts.scan', { countId: c.id, code: missing.assetCode }))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('device scans on a station with an active count are counted through the scan router', () => {
    const a = asset('读卡器找到', fx.loc.room301);
    const c = t.call(manager, 'counts.create', { name: '设备', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(clerk, 'counts.activate', { id: c.id, station: 'pc-1', locationId: fx.loc.room301 });
    const { sqlite } = t.core.services;
    const [row] = stationScans(t, 'pc-1', [a.assetCode, a.assetCode]);
    expect(row).toMatchObject({ target: 'count', targetId: c.id, assetId: a.id });
    const [d] = details(manager, c.id, { state: 'found' });
    expect(d).toMatchObject({ assetId: a.id, foundLocationId: fx.loc.room301, foundStation: 'pc-1' });
    const outcomes = sqlite
      .prepare('SELECT outcome, scan_id FROM count_scans WHERE count_id = ?')
      .all(c.id) as { outcome: string; scan_id: number }[];
    expect(outcomes.map((o) => o.outcome)).toEqual(['counted', 'duplicate']);
    expect(outcomes[0]!.scan_id).toBe(row!.id);
    // Another station is not routed.
    const [elsewhere] = stationScans(t, 'pc-2', [a.assetCode]);
    expect(elsewhere!.target).toBe('find');
  });
});

describe('blind counts', () => {
  it('a counter never sees expected location, custodian, status or what remains; the supervisor does', async () => {
    const found = asset('找到的', fx.loc.room301, { custodianId: fx.person.zhang });
    const hidden = asset('没找到的', fx.loc.warehouse, { custodianId: fx.person.li });
    const c = t.call(manager, 'counts.create', { name: '盲盘', scope: {}, blind: true });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(clerk, 'counts.scan', { countId: c.id, code: found.assetCode, locationId: fx.loc.hq });

    const seen = t.call(clerk, 'counts.get', { id: c.id, state: 'remaining', onlyDifferences: false });
    expect(seen.showsExpected).toBe(false);
    expect(seen.details.rows.map((d) => d.assetId)).toEqual([found.id]);
    const json = JSON.stringify(seen);
    for (const key of [
      'expectedLocationId',
      'expectedCustodianId',
      'expectedStatus',
      'expectedLocationName',
      'result',
      'remaining',
      'foundElsewhere',
      'arrived',
    ])
      expect(json, key).not.toContain(`"${key}"`);
    expect(json).not.toContain('没找到的');
    expect(json).not.toContain('张伟');
    expect(seen.count.totals).toEqual({ found: 1, unknown: 0, recounting: 0 });
    const listed = t.call(clerk, 'counts.list', {}).rows[0]!;
    expect(listed.totals).toEqual({ found: 1, unknown: 0, recounting: 0 });
    expect(seen.progress).toEqual([
      { locationId: fx.loc.hq, locationName: '总部大楼', found: 1, unknown: 0 },
    ]);

    const sup = t.call(manager, 'counts.get', { id: c.id });
    expect(sup.showsExpected).toBe(true);
    expect(sup.details.rows).toHaveLength(2);
    expect(sup.details.rows.find((d) => d.assetId === hidden.id)).toMatchObject({
      expectedLocationId: fx.loc.warehouse,
      expectedCustodianId: fx.person.li,
    });

    // The counter's sheet is blind even when they ask for an open one.
    const { jobId } = t.call(clerk, 'counts.export', { id: c.id, blind: false });
    await t.core.services.jobs.idle();
    const file = t.call(clerk, 'jobs.get', { id: jobId }).result as { data: string };
    const { readXlsx } = await import('../../src/main/modules/io/read-workbook');
    const grid = readXlsx(Buffer.from(file.data, 'base64')).sheet(0);
    const text = JSON.stringify(grid.rows);
    expect(text).not.toContain('账面位置');
    expect(text).not.toContain('仓库');
    expect(text).not.toContain('李娜');
    // Only what was found: the expected list itself is what a blind count hides.
    expect(text).toContain(found.assetCode);
    expect(text).not.toContain(hidden.assetCode);
  });
});

describe('resolution and posting', () => {
  it('resolves each difference and posts by a second person, with history and audit linked to the count', () => {
    const moved = asset('放错', fx.loc.room301);
    const idle = asset('闲置', fx.loc.warehouse);
    const gone = asset('丢了', fx.loc.warehouse);
    const c = t.call(manager, 'counts.create', { name: '年末盘点', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(clerk, 'counts.scan', { countId: c.id, code: moved.assetCode, locationId: fx.loc.warehouse });
    t.call(clerk, 'counts.scan', { countId: c.id, code: idle.assetCode, status: 'idle' });
    const s = t.call(clerk, 'counts.addSurplus', {
      countId: c.id,
      name: '盘盈椅子',
      estimatedValue: 30_000,
      photo: { mime: 'image/png', data: PNG },
    });
    // Resolving needs a finished count.
    expect(
      errCode(t.raw(manager, 'counts.resolve', { id: c.id, assetId: moved.id, resolution: 'move' })),
    ).toBe('INVALID_TRANSITION');
    t.call(manager, 'counts.finish', { id: c.id });

    // A resolution that does not fit the row is refused.
    expect(
      errCode(t.raw(manager, 'counts.resolve', { id: c.id, assetId: moved.id, resolution: 'write_off' })),
    ).toBe('VALIDATION');
    expect(
      errCode(t.raw(manager, 'counts.resolve', { id: c.id, detailId: s.id, resolution: 'add_to_ledger' })),
    ).toBe('VALIDATION');
    t.call(manager, 'counts.resolve', {
      id: c.id,
      assetId: moved.id,
      resolution: 'move',
      note: '按实际位置',
    });
    t.call(manager, 'counts.resolve', { id: c.id, assetId: idle.id, resolution: 'change_status' });
    t.call(manager, 'counts.resolve', { id: c.id, assetId: gone.id, resolution: 'write_off' });
    const r = t.call(manager, 'counts.resolve', {
      id: c.id,
      detailId: s.id,
      resolution: 'add_to_ledger',
      categoryId: fx.cat.furniture,
    });
    expect(r).toMatchObject({
      resolution: 'add_to_ledger',
      resolutionData: { categoryId: fx.cat.furniture, name: '盘盈椅子', estimatedValue: 30_000 },
    });
    // Still locked until posted.
    const m = t.call(admin, 'assets.get', { id: moved.id });
    expect(
      errCode(t.raw(admin, 'assets.update', { id: moved.id, version: m.version, locationId: fx.loc.hq })),
    ).toBe('ASSET_LOCKED');

    // The person who resolved cannot post; a clerk has no right to.
    const own = t.raw(manager, 'counts.post', { id: c.id });
    expect(own.ok ? null : own.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.countPostOwnResolution',
    });
    expect(errCode(t.raw(clerk, 'counts.post', { id: c.id }))).toBe('FORBIDDEN');
    const posted = t.call(approver, 'counts.post', { id: c.id });
    expect(posted).toMatchObject({ status: 'posted', applied: 4 });
    expect(posted.createdAssetIds).toHaveLength(1);

    expect(t.call(admin, 'assets.get', { id: moved.id }).locationId).toBe(fx.loc.warehouse);
    expect(t.call(admin, 'assets.get', { id: idle.id }).status).toBe('idle');
    // Written off: recorded missing, then a disposal request (see counts-resolutions.test.ts).
    expect(t.call(admin, 'assets.get', { id: gone.id }).status).toBe('pending_disposal');
    const card = t.call(admin, 'assets.get', { id: posted.createdAssetIds[0]! });
    // Found in the warehouse: the station's room when the clerk added it.
    expect(card).toMatchObject({
      name: '盘盈椅子',
      cost: 30_000,
      locationId: fx.loc.warehouse,
      categoryId: fx.cat.furniture,
    });
    expect(t.call(admin, 'assets.attachments.list', { assetId: card.id })).toHaveLength(1);

    for (const id of [moved.id, idle.id, gone.id, card.id]) {
      const h = t.call(admin, 'assets.history', { id });
      const ev = h.find((e) => e.source === 'count');
      expect(ev, `history of ${id}`).toBeDefined();
      expect(ev!.note).toContain('年末盘点');
    }
    expect(t.call(admin, 'assets.history', { id: moved.id })[0]!.changes).toEqual([
      { field: 'locationId', before: fx.loc.room301, after: fx.loc.warehouse },
    ]);
    const audit = t.core.services.sqlite
      .prepare(
        "SELECT entity_id, details, username FROM audit_log WHERE action = 'counts.post' AND entity = 'asset'",
      )
      .all() as { entity_id: string; details: string; username: string }[];
    // One row per change naming the count (the new card also has the ledger's own creation row).
    const linked = audit.filter((a) => (JSON.parse(a.details) as { countId?: number }).countId === c.id);
    expect(linked.map((a) => Number(a.entity_id)).sort()).toEqual(
      [moved.id, idle.id, gone.id, card.id].sort(),
    );
    for (const a of linked) {
      expect(JSON.parse(a.details)).toMatchObject({ count: '年末盘点' });
      expect(a.username).toBe('approver');
    }
    // Posted: the assets are free again.
    const m2 = t.call(admin, 'assets.get', { id: moved.id });
    expect(
      errCode(t.raw(admin, 'assets.update', { id: moved.id, version: m2.version, locationId: fx.loc.hq })),
    ).toBe('OK');

    const report = t.call(manager, 'counts.report', { id: c.id });
    expect(report.byResult).toMatchObject({
      location_mismatch: 1,
      status_mismatch: 1,
      missing: 1,
      surplus: 1,
      matched: 0,
    });
    expect(report.byResolution).toMatchObject({
      move: 1,
      change_status: 1,
      write_off: 1,
      add_to_ledger: 1,
      unresolved: 0,
    });
    expect(report.history.map((h) => h.rate)).toEqual([1]);
  });
});
