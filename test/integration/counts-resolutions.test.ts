// Count resolutions that reach beyond the count: a write-off (盘亏) becomes a real disposal request
// through the approval engine when the count is posted, and a recount sends a row back to uncounted so
// counters scan it again in the finished count, which the next finish classifies again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../helpers/core';
import type { LedgerFixtures } from '../helpers/ledger-fixtures';
import { countUser, startCountCore } from './counts-fixtures';
import type { AssetDto } from '../../src/main/modules/assets/contract';
import type { CountDetailDto } from '../../src/main/modules/counts/contract';

let t: TestCore;
let fx: LedgerFixtures;
let admin: string;
let manager: string;
let clerk: string;
let approver: string;
let accountant: string;

beforeEach(() => {
  ({ t, admin, fx } = startCountCore());
  manager = countUser(t, 'manager', 'asset_manager');
  clerk = countUser(t, 'clerk', 'clerk');
  approver = countUser(t, 'approver', 'approver');
  accountant = countUser(t, 'acc', 'accountant');
});
afterEach(async () => {
  await t.close();
});

const asset = (name: string, locationId: number): AssetDto =>
  t.call(admin, 'assets.create', { name, categoryId: fx.cat.furniture, locationId, cost: 120_000 } as never);

const err = (r: ReturnType<TestCore['raw']>) => (r.ok ? null : r.error);

const detailOf = (countId: number, assetId: number): CountDetailDto =>
  t.call(manager, 'counts.get', { id: countId, limit: 500 }).details.rows.find((d) => d.assetId === assetId)!;

describe('write-off (盘亏)', () => {
  it('posting creates a write_off disposal request linked to the count and its line, approved by finance', () => {
    const here = asset('在场', fx.loc.room301);
    const gone = asset('丢失的笔记本', fx.loc.room301);
    const c = t.call(manager, 'counts.create', { name: '季度盘点', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(clerk, 'counts.scan', { countId: c.id, code: here.assetCode, locationId: fx.loc.room301 });
    t.call(manager, 'counts.finish', { id: c.id });
    const line = detailOf(c.id, gone.id);
    expect(line.result).toBe('missing');
    t.call(manager, 'counts.resolve', {
      id: c.id,
      assetId: gone.id,
      resolution: 'write_off',
      note: '多次寻找未果',
    });
    // No disposal before posting, and none can be requested by hand while the count holds the asset.
    expect(t.call(admin, 'disposals.list', { assetId: gone.id }).total).toBe(0);
    const byHand = t.raw(admin, 'disposals.create', {
      assetId: gone.id,
      kind: 'write_off',
      date: t.call(admin, 'assets.get', { id: gone.id }).createdAt.slice(0, 10),
      reason: '手工',
    });
    expect(err(byHand)?.code).toBe('ASSET_LOCKED');

    // Posting (a second person) is not refused as "under a count": the count's own write-off goes through.
    const posted = t.call(approver, 'counts.post', { id: c.id });
    expect(posted.status).toBe('posted');
    const disposals = t.call(admin, 'disposals.list', { assetId: gone.id });
    expect(disposals.total).toBe(1);
    const d = disposals.rows[0]!;
    expect(d).toMatchObject({ kind: 'write_off', status: 'pending', previousStatus: 'missing', proceeds: 0 });
    expect(d.reason).toContain('盘亏');
    expect(d.reason).toContain(`盘点 #${c.id} 季度盘点`);
    expect(d.reason).toContain(`明细 #${line.id}`);
    expect(d.reason).toContain('多次寻找未果');
    // The count's line links to the request.
    expect(detailOf(c.id, gone.id).resolutionData).toMatchObject({
      disposalId: d.id,
      disposalNumber: d.number,
    });
    // It waits for finance in the approval engine.
    expect(t.call(admin, 'disposals.get', { id: d.id }).approval).toMatchObject({ status: 'pending' });
    expect(t.call(admin, 'assets.get', { id: gone.id }).status).toBe('pending_disposal');

    // The asset's history: missing through the count, then the disposal request — both naming the count.
    const h = t.call(admin, 'assets.history', { id: gone.id });
    const fromCount = h.filter((e) => e.source === 'count');
    expect(fromCount.length).toBeGreaterThanOrEqual(2);
    for (const e of fromCount) expect(e.note).toContain('季度盘点');
    expect(fromCount.some((e) => e.note.includes(d.number))).toBe(true);

    // Finance approves: the asset is disposed of.
    t.call(accountant, 'approvals.act', { kind: 'disposal', documentId: d.id, action: 'approve' });
    expect(t.call(admin, 'disposals.get', { id: d.id }).status).toBe('approved');
    expect(t.call(admin, 'assets.get', { id: gone.id }).status).toBe('disposed');
  });

  it('a write-off the ledger would refuse is refused when resolving, not when posting', () => {
    const gone = asset('送修中丢失', fx.loc.room301);
    t.call(admin, 'repairs.create', { assetId: gone.id, fault: '屏幕坏' } as never);
    const c = t.call(manager, 'counts.create', { name: '抽盘', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(manager, 'counts.finish', { id: c.id });
    expect(
      err(t.raw(manager, 'counts.resolve', { id: c.id, assetId: gone.id, resolution: 'write_off' })),
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'errors.invalidTransition',
      params: { from: 'in_repair', to: 'missing' },
    });
  });
});

describe('recount', () => {
  it('sends a row back to uncounted, counters scan it in the finished count, the next finish classifies it', () => {
    const a = asset('复盘的椅子', fx.loc.room301);
    const b = asset('没动的桌子', fx.loc.room301);
    const c = t.call(manager, 'counts.create', { name: '复盘测试', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    // Counted in the wrong room by mistake; b is matched.
    t.call(clerk, 'counts.scan', { countId: c.id, code: a.assetCode, locationId: fx.loc.warehouse });
    t.call(clerk, 'counts.scan', { countId: c.id, code: b.assetCode, locationId: fx.loc.room301 });
    t.call(manager, 'counts.finish', { id: c.id });
    expect(detailOf(c.id, a.id).result).toBe('location_mismatch');
    // Not in the recount: a finished count takes no scans.
    expect(err(t.raw(clerk, 'counts.scan', { countId: c.id, code: a.assetCode }))?.message).toBe(
      'errors.countState',
    );

    const r = t.call(manager, 'counts.resolve', {
      id: c.id,
      assetId: a.id,
      resolution: 'recount',
      note: '疑似扫错',
    });
    expect(r).toMatchObject({ resolution: 'recount', result: null, foundAt: null, foundLocationId: null });
    const mid = t.call(manager, 'counts.get', { id: c.id, limit: 10 });
    expect(mid.count).toMatchObject({ status: 'finished', totals: { recounting: 1, remaining: 1 } });
    // The rest keeps its result; nothing can be decided about the row, nor the count posted, meanwhile.
    expect(detailOf(c.id, b.id).result).toBe('matched');
    expect(
      err(t.raw(manager, 'counts.resolve', { id: c.id, assetId: a.id, resolution: 'move' }))?.message,
    ).toBe('errors.countRecountPending');
    expect(err(t.raw(approver, 'counts.post', { id: c.id }))).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'errors.countRecountPending',
      params: { n: 1 },
    });
    // The earlier scan is still in the log.
    const log = () =>
      t.core.services.sqlite
        .prepare(
          'SELECT outcome, location_id FROM count_scans WHERE count_id = ? AND asset_id = ? ORDER BY id',
        )
        .all(c.id, a.id);
    expect(log()).toEqual([{ outcome: 'counted', location_id: fx.loc.warehouse }]);

    // Counters scan it again (even on an activated station); other assets and unknown codes are refused.
    t.call(clerk, 'counts.activate', { id: c.id, station: 'pc-9', locationId: fx.loc.room301 });
    expect(
      err(t.raw(clerk, 'counts.scan', { countId: c.id, code: b.assetCode, station: 'pc-9' })),
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'errors.countNotRecounting',
      params: { code: b.assetCode },
    });
    expect(err(t.raw(clerk, 'counts.scan', { countId: c.id, code: 'NEW-9', station: 'pc-9' }))?.message).toBe(
      'errors.countNotRecounting',
    );
    expect(t.call(clerk, 'counts.scan', { countId: c.id, code: a.assetCode, station: 'pc-9' })).toMatchObject(
      {
        outcome: 'counted',
        locationId: fx.loc.room301,
      },
    );
    expect(t.call(clerk, 'counts.scan', { countId: c.id, code: a.assetCode, station: 'pc-9' }).outcome).toBe(
      'duplicate',
    );
    expect(log()).toEqual([
      { outcome: 'counted', location_id: fx.loc.warehouse },
      { outcome: 'counted', location_id: fx.loc.room301 },
      { outcome: 'duplicate', location_id: fx.loc.room301 },
    ]);

    // Finishing again classifies only that row: now matched; its recount decision is spent.
    const done = t.call(manager, 'counts.finish', { id: c.id });
    expect(done).toMatchObject({ status: 'finished', totals: { recounting: 0, differences: 0 } });
    expect(detailOf(c.id, a.id)).toMatchObject({ result: 'matched', resolution: null });
    expect(detailOf(c.id, b.id).result).toBe('matched');
    // Stations stop feeding it again.
    expect(
      err(t.raw(clerk, 'counts.scan', { countId: c.id, code: a.assetCode, station: 'pc-9' }))?.message,
    ).toBe('errors.countState');
    const audit = t.core.services.sqlite
      .prepare("SELECT details FROM audit_log WHERE action = 'counts.resolve' AND entity = 'count'")
      .pluck()
      .all() as string[];
    expect(JSON.parse(audit[0]!)).toMatchObject({
      resolution: 'recount',
      previous: { foundLocationId: fx.loc.warehouse },
    });
    expect(t.call(approver, 'counts.post', { id: c.id }).status).toBe('posted');
  });

  it('a row recounted and not found again becomes missing; a surplus row cannot be recounted', () => {
    const a = asset('再找不到', fx.loc.room301);
    const c = t.call(manager, 'counts.create', { name: '复盘2', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(clerk, 'counts.scan', {
      countId: c.id,
      code: a.assetCode,
      locationId: fx.loc.room301,
      status: 'idle',
    });
    const s = t.call(clerk, 'counts.scan', { countId: c.id, code: 'SURPLUS-1' });
    t.call(manager, 'counts.finish', { id: c.id });
    expect(detailOf(c.id, a.id).result).toBe('status_mismatch');
    expect(
      err(t.raw(manager, 'counts.resolve', { id: c.id, detailId: s.detailId!, resolution: 'recount' }))?.code,
    ).toBe('VALIDATION');
    t.call(manager, 'counts.resolve', { id: c.id, assetId: a.id, resolution: 'recount' });
    t.call(manager, 'counts.finish', { id: c.id });
    expect(detailOf(c.id, a.id)).toMatchObject({ result: 'missing', resolution: null });
  });
});

describe('evidence', () => {
  it('a photo given with a resolution is kept on the line and attached to the asset when posted', () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]).toString('base64');
    const a = asset('搬错的柜子', fx.loc.room301);
    const c = t.call(manager, 'counts.create', { name: '证据', scope: {} });
    t.call(manager, 'counts.start', { id: c.id });
    t.call(clerk, 'counts.scan', { countId: c.id, code: a.assetCode, locationId: fx.loc.warehouse });
    t.call(manager, 'counts.finish', { id: c.id });
    const r = t.call(manager, 'counts.resolve', {
      id: c.id,
      assetId: a.id,
      resolution: 'move',
      note: '照片为证',
      photo: { mime: 'image/png', data: PNG },
    });
    expect(r.hasPhoto).toBe(true);
    expect(t.call(manager, 'counts.photo', { id: c.id, detailId: r.id })).toEqual({
      mime: 'image/png',
      data: PNG,
    });
    expect(t.call(admin, 'assets.attachments.list', { assetId: a.id })).toHaveLength(0);
    t.call(approver, 'counts.post', { id: c.id });
    const files = t.call(admin, 'assets.attachments.list', { assetId: a.id });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ kind: 'photo', mime: 'image/png' });
  });
});
