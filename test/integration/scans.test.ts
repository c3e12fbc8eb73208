// scans.submit / scans.list and rfid.bind through dispatch: resolution by code, serial no., binding,
// ASCII and GIAI-96 EPCs; routing to an active target; events only after commit; permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';
import { commitScans } from '../../src/main/modules/scans/record';
import { registerScanTarget, unregisterScanTarget } from '../../src/main/modules/scans/routing';
import { encodeAsciiEpc, encodeGiai96 } from '../../src/main/devices/rfid/epc';
import type { CoreEvent } from '../../src/main/events';
import type { ScanDto } from '../../src/main/modules/scans/contract';

let t: TestCore;
let clerk: string;
let accountant: string;
const assets: { id: number; assetCode: string }[] = [];
const events: CoreEvent[] = [];

beforeAll(() => {
  t = startTestCore();
  const fx = seedLedger(t.core.services.sqlite);
  for (const [i, serialNo] of ['SN-A1', 'SN-B2', ''].entries()) {
    assets.push(
      t.call(t.adminToken, 'assets.create', {
        name: `测试资产${i}`,
        categoryId: fx.cat.laptops,
        serialNo,
        ...(i === 2 ? { assetCode: '2024000123' } : {}),
      } as never),
    );
  }
  for (const [u, role] of [
    ['clerk1', 'clerk'],
    ['acct1', 'accountant'],
  ] as const)
    t.call(t.adminToken, 'users.create', {
      username: u,
      password: 'pass-word-1',
      displayName: u,
      roles: [role],
      mustChangePassword: false,
    });
  clerk = t.login('clerk1', 'pass-word-1');
  accountant = t.login('acct1', 'pass-word-1');
  t.core.events.on((e) => events.push(e));
});
afterAll(async () => {
  await t.close();
});

describe('scans', () => {
  it('a wedge scan of an asset code resolves, is persisted with operator and audit, then announced', () => {
    events.length = 0;
    let committedWhenEmitted = false;
    const off = t.core.events.on((e) => {
      if (e.type !== 'scan') return;
      const id = (e.payload as ScanDto).id;
      // A separate read sees the row only if the write transaction already committed.
      committedWhenEmitted = !!t.core.services.sqlite.prepare('SELECT 1 FROM scans WHERE id = ?').get(id);
    });
    const row = t.call(clerk, 'scans.submit', { code: assets[0]!.assetCode, aim: ']C0', keys: 'KeyZ KeyC' });
    off();
    expect(row).toMatchObject({
      assetId: assets[0]!.id,
      resolvedBy: 'code',
      target: 'find',
      source: 'wedge',
      symbology: null,
      aim: ']C0',
      station: 'local',
    });
    expect(row.userId).toBeGreaterThan(0);
    expect(committedWhenEmitted).toBe(true);
    expect(events.filter((e) => e.type === 'scan').map((e) => (e.payload as ScanDto).id)).toEqual([row.id]);
    const audit = t.call(t.adminToken, 'audit.list', { action: 'scans.submit' } as never) as {
      total: number;
    };
    expect(audit.total).toBeGreaterThanOrEqual(1);
  });

  it('resolves by lower-cased code, serial number, and reports an unknown code as unresolved', () => {
    expect(t.call(clerk, 'scans.submit', { code: assets[1]!.assetCode.toLowerCase() })).toMatchObject({
      assetId: assets[1]!.id,
      resolvedBy: 'code',
    });
    expect(t.call(clerk, 'scans.submit', { code: 'SN-B2' })).toMatchObject({
      assetId: assets[1]!.id,
      resolvedBy: 'serial',
    });
    expect(t.call(clerk, 'scans.submit', { code: 'NO-SUCH-THING' })).toMatchObject({
      assetId: null,
      resolvedBy: null,
    });
  });

  it('EPCs resolve by binding, by ASCII asset code, and by GIAI-96 reference', () => {
    const sqlite = t.core.services.sqlite;
    const bound = t.call(clerk, 'rfid.bind', {
      assetId: assets[2]!.id,
      epc: 'e200 3412 0000 0000 0000 0001',
    });
    expect(bound).toEqual({ epc: 'E20034120000000000000001', assetId: assets[2]!.id, previousAssetId: null });
    const moved = t.call(clerk, 'rfid.bind', { assetId: assets[0]!.id, epc: 'E20034120000000000000001' });
    expect(moved.previousAssetId).toBe(assets[2]!.id);
    const rows = commitScans(sqlite, t.core.events, [
      {
        at: new Date().toISOString(),
        deviceId: null,
        source: 'rfid',
        userId: null,
        station: 'local',
        rawHex: '',
        epc: 'E20034120000000000000001',
      },
      {
        at: new Date().toISOString(),
        deviceId: null,
        source: 'rfid',
        userId: null,
        station: 'local',
        rawHex: '',
        epc: encodeAsciiEpc(assets[1]!.assetCode),
      },
      {
        at: new Date().toISOString(),
        deviceId: null,
        source: 'rfid',
        userId: null,
        station: 'local',
        rawHex: '',
        epc: encodeGiai96('6901234', '2024000123'),
      },
      {
        at: new Date().toISOString(),
        deviceId: null,
        source: 'rfid',
        userId: null,
        station: 'local',
        rawHex: '',
        epc: 'FFFF0000',
      },
    ]);
    expect(rows.map((r) => [r.assetId, r.resolvedBy])).toEqual([
      [assets[0]!.id, 'binding'],
      [assets[1]!.id, 'epc-ascii'],
      [assets[2]!.id, 'giai96'],
      [null, null],
    ]);
    expect(t.raw(clerk, 'rfid.bind', { assetId: 999999, epc: 'ABCD' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(t.raw(clerk, 'rfid.bind', { assetId: assets[0]!.id, epc: 'XYZ' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });

  it('routes to the station’s active target, applied in the same transaction; other stations go to find', () => {
    const applied: number[] = [];
    registerScanTarget({
      kind: 'count',
      active: (_s, station) => (station === 'desk-2' ? 42 : null),
      accept: (_s, scan, id) => applied.push(scan.id * 1000 + id),
    });
    try {
      const a = t.call(clerk, 'scans.submit', { code: assets[0]!.assetCode, station: 'desk-2' });
      const b = t.call(clerk, 'scans.submit', { code: assets[0]!.assetCode, station: 'desk-1' });
      expect([a.target, a.targetId, b.target, b.targetId]).toEqual(['count', 42, 'find', null]);
      expect(applied).toEqual([a.id * 1000 + 42]);
    } finally {
      unregisterScanTarget('count');
    }
  });

  it('a target that throws rolls the scan back and nothing is announced', () => {
    registerScanTarget({
      kind: 'acceptance',
      active: () => 7,
      accept: () => {
        throw new Error('boom');
      },
    });
    const before = events.length;
    const n = (t.core.services.sqlite.prepare('SELECT count(*) n FROM scans').get() as { n: number }).n;
    try {
      expect(t.raw(clerk, 'scans.submit', { code: 'X-1' })).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
    } finally {
      unregisterScanTarget('acceptance');
    }
    expect((t.core.services.sqlite.prepare('SELECT count(*) n FROM scans').get() as { n: number }).n).toBe(n);
    expect(events.slice(before).filter((e) => e.type === 'scan')).toEqual([]);
  });

  it('scans.list returns the log newest first, with since and asset filters', () => {
    const all = t.call(clerk, 'scans.list', { limit: 100 }).rows;
    expect(all.length).toBeGreaterThanOrEqual(9);
    const times = all.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.find((r) => r.epc === 'E20034120000000000000001')).toMatchObject({
      assetCode: assets[0]!.assetCode,
      source: 'rfid',
    });
    const mine = t.call(clerk, 'scans.list', { limit: 100, assetId: assets[1]!.id }).rows;
    expect(mine.every((r) => r.assetId === assets[1]!.id)).toBe(true);
    expect(
      t.call(clerk, 'scans.list', { limit: 10, since: new Date(Date.now() + 60_000).toISOString() }).rows,
    ).toEqual([]);
  });

  it('permissions: an accountant can neither scan nor read the log; a clerk cannot manage devices', () => {
    expect(t.raw(accountant, 'scans.submit', { code: 'A' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(t.raw(accountant, 'scans.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(
      t.raw(clerk, 'devices.add', {
        kind: 'scanner',
        transport: 'serial',
        protocol: 'serial-scanner',
        path: '/dev/x',
      }),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(t.call(clerk, 'devices.list', {}).devices).toEqual([]);
  });
});
