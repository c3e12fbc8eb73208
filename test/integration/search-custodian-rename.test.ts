import { afterEach, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

it('renaming a custodian in settings keeps the ledger search by custodian name right', () => {
  t = startTestCore();
  const tok = t.adminToken;
  const cat = t.call(tok, 'settings.categories.list', {}).find((c) => c.code === 'PC-NB')!;
  const person = t.call(tok, 'settings.custodians.create', { code: 'E001', name: '王小明' });
  const asset = t.call(tok, 'assets.create', {
    name: '联想ThinkPad X1',
    categoryId: cat.id,
    custodianId: person.id,
    cost: 899900,
  });
  expect(t.call(tok, 'assets.list', { query: '小明' }).rows.map((r) => r.id)).toEqual([asset.id]);
  t.call(tok, 'settings.custodians.update', { id: person.id, version: person.version, name: '王大力' });
  expect(t.call(tok, 'assets.list', { query: '小明' }).total).toBe(0);
  expect(t.call(tok, 'assets.list', { query: '大力' }).rows.map((r) => r.id)).toEqual([asset.id]);
});
