// A small company for the approval, requisition and purchase-order tests: a head office with a
// general manager, an IT department with its head, employees, finance, a clerk, an asset manager,
// a spare approver, laptop/monitor categories and a supplier.
import type { TestCore } from '../helpers/core';
import type { ApiResult } from '../../src/main/api/errors-shared';
import type { RequisitionLineInput } from '../../src/main/modules/requisitions/contract';
import { createSession, insertUser } from '../../src/main/modules/users/accounts';

export interface Company {
  ids: Record<string, number>;
  tok: Record<string, string>;
  dept: { hq: number; it: number; sales: number };
  cat: { elec: number; laptop: number; monitor: number; furniture: number };
  supplierId: number;
}

export function makeCompany(t: TestCore): Company {
  const a = t.adminToken;
  const hq = t.call(a, 'settings.departments.create', { code: 'T-HQ', name: '总公司', headUserId: null });
  const it = t.call(a, 'settings.departments.create', {
    code: 'T-IT',
    name: '信息部',
    parentId: hq.id,
    headUserId: null,
  });
  const sales = t.call(a, 'settings.departments.create', {
    code: 'T-SALES',
    name: '销售部',
    parentId: hq.id,
    headUserId: null,
  });
  const people: [string, string[], number][] = [
    ['emp', ['employee'], it.id],
    ['emp2', ['employee'], it.id],
    ['head', ['approver'], it.id],
    ['gm', ['approver'], hq.id],
    ['fin', ['accountant'], hq.id],
    ['fin2', ['accountant'], hq.id],
    ['clerk', ['clerk'], it.id],
    ['mgr', ['asset_manager'], hq.id],
    ['spare', ['approver'], hq.id],
    ['seller', ['employee'], sales.id],
  ];
  const ids: Record<string, number> = {};
  const tok: Record<string, string> = {};
  // Straight into the tables with sessions: sign-in (scrypt) has its own tests and is slow here.
  const { sqlite } = t.core.services;
  const now = new Date();
  for (const [name, roles, departmentId] of people) {
    ids[name] = insertUser(
      sqlite,
      { username: name, displayName: name.toUpperCase(), passwordHash: 'x', roles, departmentId },
      now.toISOString(),
    );
    tok[name] = createSession(sqlite, ids[name], 'desktop', now);
  }
  t.call(a, 'settings.departments.update', { id: it.id, version: it.version, headUserId: ids.head });
  t.call(a, 'settings.departments.update', { id: hq.id, version: hq.version, headUserId: ids.gm });
  const elec = t.call(a, 'settings.categories.create', { code: 'T-ELEC', name: '电子设备', lifeMonths: 36 });
  const laptop = t.call(a, 'settings.categories.create', {
    code: 'T-PC',
    name: '笔记本电脑',
    parentId: elec.id,
  });
  const monitor = t.call(a, 'settings.categories.create', {
    code: 'T-MON',
    name: '显示器',
    parentId: elec.id,
  });
  const furniture = t.call(a, 'settings.categories.create', { code: 'T-FURN', name: '家具', lifeMonths: 60 });
  const supplier = t.call(a, 'settings.suppliers.create', { code: 'T-S1', name: '联想直销' });
  return {
    ids,
    tok,
    dept: { hq: hq.id, it: it.id, sales: sales.id },
    cat: { elec: elec.id, laptop: laptop.id, monitor: monitor.id, furniture: furniture.id },
    supplierId: supplier.id,
  };
}

/** Two laptops at ¥8,000 each unless told otherwise. */
export function laptops(c: Company, quantity = 2, unitPrice = 800_000): RequisitionLineInput {
  return {
    categoryId: c.cat.laptop,
    spec: 'ThinkPad X1 Carbon 14"',
    quantity,
    unitPrice,
    reason: '新员工入职',
    neededBy: '2030-01-15',
  };
}

/** Creates and submits a requisition as `who`; returns it. */
export function submitted(t: TestCore, c: Company, who: string, lines: RequisitionLineInput[]) {
  const r = t.call(c.tok[who]!, 'requisitions.create', { title: '申购', lines });
  return t.call(c.tok[who]!, 'requisitions.submit', { id: r.id, version: r.version });
}

export function errorOf(r: ApiResult<unknown>) {
  if (r.ok) throw new Error('expected the call to fail');
  return r.error as { code: string; message: string; params?: Record<string, unknown>; details?: unknown };
}
