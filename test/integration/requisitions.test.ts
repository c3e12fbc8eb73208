import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, laptops, makeCompany, submitted, type Company } from './approvals-fixtures';

let t: TestCore;
let c: Company;
beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
});
afterEach(async () => {
  await t.close();
});

const year = new Date().getFullYear();

describe('requisitions', () => {
  it('drafts: numbered, lines and totals, own edits only, department from the requester', () => {
    const a = t.call(c.tok.emp!, 'requisitions.create', {
      title: '新员工电脑',
      lines: [
        laptops(c),
        { categoryId: c.cat.monitor, spec: 'Dell U2724D', quantity: 3, unitPrice: 250_000 },
      ],
    });
    const b = t.call(c.tok.emp2!, 'requisitions.create', { lines: [laptops(c, 1)] });
    expect(a.number).toMatch(/^RQ-\d{6}-0001$/);
    expect(b.number).toMatch(/^RQ-\d{6}-0002$/);
    expect(a).toMatchObject({
      status: 'draft',
      departmentId: c.dept.it,
      requesterId: c.ids.emp,
      totalAmount: 2_350_000,
    });
    expect(a.lines.map((l) => [l.lineNo, l.amount, l.remainingQuantity])).toEqual([
      [1, 1_600_000, 2],
      [2, 750_000, 3],
    ]);
    expect(a.lines[1]!.neededBy).toBeNull();
    expect(
      errorOf(t.raw(c.tok.emp2!, 'requisitions.update', { id: a.id, version: 1, title: 'mine' })).code,
    ).toBe('FORBIDDEN');
    expect(errorOf(t.raw(c.tok.emp2!, 'requisitions.get', { id: a.id })).code).toBe('FORBIDDEN');
    // Employees see their own; managers see all.
    expect(t.call(c.tok.emp!, 'requisitions.list', {}).rows.map((r) => r.id)).toEqual([a.id]);
    expect(t.call(c.tok.mgr!, 'requisitions.list', {}).total).toBe(2);
    expect(t.call(c.tok.mgr!, 'requisitions.list', { query: 'U2724' }).rows.map((r) => r.id)).toEqual([a.id]);
    // Someone without a department must name one.
    const noDept = errorOf(t.raw(t.adminToken, 'requisitions.create', { lines: [laptops(c)] }));
    expect(noDept).toMatchObject({
      code: 'VALIDATION',
      details: [expect.objectContaining({ path: 'departmentId' })],
    });
    // Bad input is refused at the door: quantity, price in fen, date.
    const bad = errorOf(
      t.raw(c.tok.emp!, 'requisitions.create', {
        lines: [
          { categoryId: c.cat.laptop, spec: 'x', quantity: 0, unitPrice: 12.5, neededBy: '2026-02-30' },
        ],
      }),
    );
    expect((bad.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'lines.0.neededBy',
      'lines.0.quantity',
      'lines.0.unitPrice',
    ]);
    const updated = t.call(c.tok.emp!, 'requisitions.update', {
      id: a.id,
      version: a.version,
      lines: [laptops(c, 1)],
    });
    expect(updated).toMatchObject({ totalAmount: 800_000, version: 2 });
    expect(
      errorOf(t.raw(c.tok.emp!, 'requisitions.update', { id: a.id, version: 1, title: 'stale' })).code,
    ).toBe('CONFLICT');
  });

  it('pending requisitions cannot be edited; the requester may withdraw them', () => {
    const r = submitted(t, c, 'emp', [laptops(c)]);
    expect(
      errorOf(t.raw(c.tok.emp!, 'requisitions.update', { id: r.id, version: r.version, title: 'x' })).code,
    ).toBe('INVALID_TRANSITION');
    const gone = t.call(c.tok.emp!, 'requisitions.cancel', {
      id: r.id,
      version: r.version,
      reason: '不需要了',
    });
    expect(gone).toMatchObject({ status: 'cancelled', approval: { status: 'cancelled' } });
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).total).toBe(0);
    const trail = t.call(c.tok.emp!, 'approvals.trail', { kind: 'requisition', documentId: r.id });
    expect(trail.actions.map((a) => a.action)).toEqual(['submit', 'cancel']);
  });

  it('budget check: a warning on the requisition, or blocking, as configured', () => {
    const mode0 = t.call(c.tok.mgr!, 'requisitions.budgets.list', { year });
    expect(mode0).toMatchObject({ mode: 'warn', modeVersion: 0, rows: [] });
    // ¥20,000 for electronics (laptops and monitors are under it) in IT this year.
    const b = t.call(c.tok.mgr!, 'requisitions.budgets.set', {
      year,
      departmentId: c.dept.it,
      categoryId: c.cat.elec,
      amount: 2_000_000,
    });
    expect(
      errorOf(
        t.raw(c.tok.emp!, 'requisitions.budgets.set', {
          year,
          departmentId: c.dept.it,
          categoryId: c.cat.elec,
          amount: 1,
        }),
      ).code,
    ).toBe('FORBIDDEN');

    const first = submitted(t, c, 'emp', [laptops(c)]); // ¥16,000
    expect(first.budgetWarnings).toEqual([]);
    const draft = t.call(c.tok.emp2!, 'requisitions.create', { lines: [laptops(c, 1)] }); // ¥8,000
    const check = t.call(c.tok.emp2!, 'requisitions.budgetCheck', { id: draft.id });
    expect(check).toMatchObject({ mode: 'warn', year, exceeded: true });
    expect(check.lines).toEqual([
      expect.objectContaining({
        budget: 2_000_000,
        used: 1_600_000,
        requested: 800_000,
        remaining: -400_000,
        over: true,
      }),
    ]);
    const second = t.call(c.tok.emp2!, 'requisitions.submit', { id: draft.id, version: draft.version });
    expect(second.status).toBe('pending');
    expect(second.budgetWarnings).toEqual([expect.objectContaining({ categoryId: c.cat.elec, over: true })]);
    // Another department's budget is untouched; furniture is unbudgeted.
    expect(submitted(t, c, 'seller', [laptops(c)]).budgetWarnings).toEqual([]);
    expect(t.call(c.tok.mgr!, 'requisitions.budgets.list', { year }).rows[0]).toMatchObject({
      id: b.id,
      used: 2_400_000,
    });

    const mode = t.call(c.tok.mgr!, 'requisitions.budgets.setMode', { mode: 'block', version: 0 });
    expect(mode).toEqual({ mode: 'block', modeVersion: 1 });
    const third = t.call(c.tok.emp!, 'requisitions.create', { lines: [laptops(c, 1, 300_000)] }); // ¥3,000
    const refused = errorOf(
      t.raw(c.tok.emp!, 'requisitions.submit', { id: third.id, version: third.version }),
    );
    expect(refused).toMatchObject({ code: 'VALIDATION', message: 'errors.budgetExceeded' });
    expect(refused.details).toEqual([expect.objectContaining({ message: 'validation.budgetExceeded' })]);
    expect(t.call(c.tok.emp!, 'requisitions.get', { id: third.id })).toMatchObject({
      status: 'draft',
      approval: null,
    });
    // A rejected requisition gives its budget back.
    t.call(c.tok.head!, 'approvals.act', {
      kind: 'requisition',
      documentId: second.id,
      action: 'reject',
      comment: '超预算',
    });
    expect(t.call(c.tok.emp!, 'requisitions.submit', { id: third.id, version: third.version }).status).toBe(
      'pending',
    );
    // Raising the budget needs the version read.
    expect(
      errorOf(
        t.raw(c.tok.mgr!, 'requisitions.budgets.set', {
          year,
          departmentId: c.dept.it,
          categoryId: c.cat.elec,
          amount: 9,
        }),
      ).code,
    ).toBe('CONFLICT');
  });

  it('templates for common requests: own or shared, used to start a requisition', () => {
    const own = t.call(c.tok.emp!, 'requisitions.templates.create', {
      name: '我的电脑',
      lines: [laptops(c, 1)],
    });
    expect(
      errorOf(
        t.raw(c.tok.emp!, 'requisitions.templates.create', {
          name: '全员',
          lines: [laptops(c)],
          shared: true,
        }),
      ).code,
    ).toBe('FORBIDDEN');
    const shared = t.call(c.tok.mgr!, 'requisitions.templates.create', {
      name: '新员工标配',
      shared: true,
      lines: [
        laptops(c, 1),
        { categoryId: c.cat.monitor, spec: '24 寸显示器', quantity: 1, unitPrice: 120_000 },
      ],
    });
    expect(
      t
        .call(c.tok.emp!, 'requisitions.templates.list', {})
        .map((x) => x.name)
        .sort(),
    ).toEqual(['我的电脑', '新员工标配'].sort());
    expect(t.call(c.tok.emp2!, 'requisitions.templates.list', {}).map((x) => x.id)).toEqual([shared.id]);
    const r = t.call(c.tok.emp2!, 'requisitions.create', { templateId: shared.id });
    expect(r.lines.map((l) => l.spec)).toEqual(['ThinkPad X1 Carbon 14"', '24 寸显示器']);
    expect(r.totalAmount).toBe(920_000);
    // Someone else's template is not there for you.
    expect(errorOf(t.raw(c.tok.emp2!, 'requisitions.create', { templateId: own.id })).code).toBe('NOT_FOUND');
    expect(
      errorOf(t.raw(c.tok.emp!, 'requisitions.templates.delete', { id: shared.id, version: 1 })).code,
    ).toBe('FORBIDDEN');
    t.call(c.tok.emp!, 'requisitions.templates.update', { id: own.id, version: 1, name: '我的笔记本' });
    t.call(c.tok.emp!, 'requisitions.templates.delete', { id: own.id, version: 2 });
    expect(t.call(c.tok.emp!, 'requisitions.templates.list', {}).map((x) => x.id)).toEqual([shared.id]);
  });
});
