import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';

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

const create = (input: Record<string, unknown> = {}) =>
  t.call(admin, 'assets.create', { name: '测试资产', categoryId: fx.cat.furniture, ...input } as never);

describe('assets.bulkUpdate', () => {
  it('changes many cards in one go, one history event each, one audit row', () => {
    const a = create({ custodianId: fx.person.zhang, locationId: fx.loc.hq });
    const b = create({ custodianId: fx.person.li, locationId: fx.loc.hq });
    const c = create({ custodianId: fx.person.wang, locationId: fx.loc.warehouse });
    const seen: unknown[] = [];
    const off = t.core.events.on((e) => seen.push(e));
    const r = t.call(admin, 'assets.bulkUpdate', {
      ids: [a.id, b.id, c.id],
      set: { locationId: fx.loc.warehouse, custodianId: fx.person.wang },
      note: '搬迁',
    });
    off?.();
    // c already had both values: nothing to change there.
    expect(r).toEqual({ updated: 2 });
    expect(t.call(admin, 'assets.get', { id: a.id })).toMatchObject({
      locationId: fx.loc.warehouse,
      custodianName: '王芳',
      version: 2,
    });
    expect(t.call(admin, 'assets.get', { id: c.id }).version).toBe(1);
    expect(t.call(admin, 'assets.history', { id: b.id })[0]).toMatchObject({
      kind: 'bulk',
      note: '搬迁',
      changes: expect.arrayContaining([
        { field: 'custodianId', before: fx.person.li, after: fx.person.wang },
      ]),
    });
    // Search follows the new custodian.
    expect(t.call(admin, 'assets.list', { query: '王芳' }).total).toBe(3);
    expect(t.call(admin, 'audit.list', { action: 'assets.bulkUpdate' }).total).toBe(1);
    expect(seen).toContainEqual(
      expect.objectContaining({ type: 'assets.changed', payload: { ids: [a.id, b.id] } }),
    );
  });

  it('refuses unknown targets and references, changing nothing', () => {
    const a = create({ locationId: fx.loc.hq });
    const r = t.raw(admin, 'assets.bulkUpdate', { ids: [a.id, 4242], set: { locationId: fx.loc.warehouse } });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'ids', params: { ids: [4242] } }] },
    });
    const bad = t.raw(admin, 'assets.bulkUpdate', { ids: [a.id], set: { departmentId: fx.dept.inactive } });
    expect(bad).toMatchObject({
      ok: false,
      error: { details: [{ path: 'departmentId', message: 'validation.referenceInactive' }] },
    });
    expect(t.call(admin, 'assets.get', { id: a.id }).locationId).toBe(fx.loc.hq);
  });
});

describe('readOwn scoping', () => {
  it('an employee sees only the assets in their custody', () => {
    const mine = create({ name: '我的笔记本', custodianId: fx.person.zhang });
    const theirs = create({ name: '别人的笔记本', custodianId: fx.person.li });
    t.call(admin, 'users.create', {
      username: 'zhangwei',
      password: 'employee-pass-1',
      displayName: '张伟',
      roles: ['employee'],
      custodianId: fx.person.zhang,
      mustChangePassword: false,
    });
    t.call(admin, 'users.create', {
      username: 'nobody',
      password: 'employee-pass-2',
      displayName: '无保管',
      roles: ['employee'],
      mustChangePassword: false,
    });
    const emp = t.login('zhangwei', 'employee-pass-1');
    const list = t.call(emp, 'assets.list', { query: '笔记本' });
    expect(list).toMatchObject({ total: 1, rows: [{ id: mine.id }] });
    expect(t.call(emp, 'assets.get', { id: mine.id }).name).toBe('我的笔记本');
    expect(t.raw(emp, 'assets.get', { id: theirs.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.raw(emp, 'assets.history', { id: theirs.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.raw(emp, 'assets.findByCode', { code: theirs.assetCode })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.call(emp, 'assets.findByCode', { code: mine.assetCode }).id).toBe(mine.id);
    expect(t.raw(emp, 'assets.update', { id: mine.id, version: 1, name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const nobody = t.login('nobody', 'employee-pass-2');
    expect(t.call(nobody, 'assets.list', {})).toEqual({ rows: [], total: 0 });
    expect(t.raw(nobody, 'assets.get', { id: mine.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('attachments', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('pixels'),
  ]);

  it('round-trips content, stores identical content once, and records history', () => {
    const a = create();
    const b = create();
    const sha = createHash('sha256').update(png).digest('hex');
    const att = t.call(admin, 'assets.attachments.add', {
      assetId: a.id,
      fileName: '../../etc/照片.png',
      mime: 'image/png',
      kind: 'photo',
      data: png.toString('base64'),
    });
    expect(att).toMatchObject({ sha256: sha, fileName: '照片.png', size: png.length, kind: 'photo' });
    const again = t.call(admin, 'assets.attachments.add', {
      assetId: b.id,
      fileName: 'copy.png',
      mime: 'image/png',
      data: png.toString('base64'),
    });
    expect(again.sha256).toBe(sha);
    const dir = join(t.dataDir, 'attachments', sha.slice(0, 2));
    expect(readdirSync(dir)).toEqual([sha]);
    expect(existsSync(join(t.dataDir, 'etc'))).toBe(false);
    const got = t.call(admin, 'assets.attachments.get', { id: att.id });
    expect(Buffer.from(got.data, 'base64').equals(png)).toBe(true);
    expect(t.call(admin, 'assets.attachments.list', { assetId: a.id }).map((x) => x.id)).toEqual([att.id]);
    expect(t.call(admin, 'assets.history', { id: a.id })[0]).toMatchObject({ kind: 'attachment_added' });

    t.call(admin, 'assets.attachments.remove', { id: att.id });
    expect(t.call(admin, 'assets.attachments.list', { assetId: a.id })).toEqual([]);
    expect(t.call(admin, 'assets.history', { id: a.id })[0]).toMatchObject({ kind: 'attachment_removed' });
    // b's row still shares the blob.
    expect(
      Buffer.from(t.call(admin, 'assets.attachments.get', { id: again.id }).data, 'base64').equals(png),
    ).toBe(true);
  });

  it('refuses bad base64, mislabelled content and oversize files', () => {
    const a = create();
    const add = (data: string, mime = 'image/png') =>
      t.raw(admin, 'assets.attachments.add', { assetId: a.id, fileName: 'f', mime, data });
    expect(add('***not base64***')).toMatchObject({
      ok: false,
      error: { details: [{ path: 'data', message: 'validation.base64' }] },
    });
    expect(add(Buffer.from('hello').toString('base64'))).toMatchObject({
      ok: false,
      error: { details: [{ path: 'mime', message: 'validation.mimeMismatch' }] },
    });
    expect(add(png.toString('base64'), 'not a mime')).toMatchObject({
      ok: false,
      error: { details: [{ path: 'mime' }] },
    });
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 1).toString('base64');
    expect(add(big, 'application/octet-stream')).toMatchObject({
      ok: false,
      error: { details: [{ path: 'data', message: 'validation.fileTooLarge' }] },
    });
    expect(readdirSync(join(t.dataDir, 'attachments'))).toEqual([]);
  });
});

describe('assets.delete', () => {
  it('hides the card, keeps its history, and never reuses its code', () => {
    const a = create({ categoryId: fx.cat.laptops, assetCode: undefined });
    expect(t.raw(admin, 'assets.delete', { id: a.id, version: 9, reason: '录错' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    t.call(admin, 'assets.delete', { id: a.id, version: 1, reason: '录错' });
    expect(t.raw(admin, 'assets.get', { id: a.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.call(admin, 'assets.list', {}).total).toBe(0);
    expect(t.raw(admin, 'assets.findByCode', { code: a.assetCode })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const b = create({ categoryId: fx.cat.laptops });
    expect(b.assetCode).not.toBe(a.assetCode);
    expect(
      t.raw(admin, 'assets.create', { name: 'x', categoryId: fx.cat.laptops, assetCode: a.assetCode }),
    ).toMatchObject({
      ok: false,
      error: { details: [{ path: 'assetCode', message: 'validation.assetCodeTaken' }] },
    });
    const kinds = t.core.services.sqlite
      .prepare('SELECT kind FROM asset_events WHERE asset_id = ? ORDER BY id')
      .pluck()
      .all(a.id);
    expect(kinds).toEqual(['created', 'deleted']);
  });
});
