// Loans through dispatch on a settable clock: lending makes the asset 借出, a late return shows in the
// overdue list (and the daily reminder event) until it comes back to the status it had before; the
// handover sheet is a PDF.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { createSession, insertUser } from '../../src/main/modules/users/accounts';
import { startLoanReminders } from '../../src/main/modules/loans/reminders';
import { errorOf } from './approvals-fixtures';

let t: TestCore;
let clock: Date;
let clerkId: number;
let borrower: number;
let roomId: number;

const setToday = (d: string) => {
  clock = new Date(`${d}T04:00:00Z`);
};
/** A session opened "now" on the test clock, so a jump of days never finds it idled out. */
const clerk = () => createSession(t.core.services.sqlite, clerkId, 'desktop', clock);

beforeEach(() => {
  setToday('2026-03-02');
  t = startTestCore({ now: () => clock });
  clerkId = insertUser(
    t.core.services.sqlite,
    { username: 'clerk', displayName: '助理', passwordHash: 'x', roles: ['clerk'] },
    clock.toISOString(),
  );
  borrower = t.call(t.adminToken, 'settings.custodians.create', {
    code: 'E9',
    name: '赵六',
    departmentId: null,
  }).id;
  roomId = t.call(t.adminToken, 'settings.locations.create', { code: 'R9', name: '仓库', kind: 'room' }).id;
});
afterEach(async () => {
  await t.close();
});

function asset(status: 'idle' | 'in_use') {
  const cat = t.call(t.adminToken, 'settings.categories.list', {}).find((c) => c.active)!;
  return t.call(t.adminToken, 'assets.create', {
    name: '投影仪',
    categoryId: cat.id,
    status,
    locationId: roomId,
  });
}

describe('loans', () => {
  it('a late return is overdue until it comes back, then the asset has its previous status again', () => {
    const a = asset('idle');
    const loan = t.call(clerk(), 'loans.create', {
      assetId: a.id,
      borrowerCustodianId: borrower,
      dueDate: '2026-03-05',
      note: '客户演示',
    });
    expect(loan).toMatchObject({
      status: 'out',
      previousStatus: 'idle',
      overdue: false,
      lentDate: '2026-03-02',
    });
    expect(loan.number).toMatch(/^LN-202603-0001$/);
    expect(t.call(clerk(), 'assets.get', { id: a.id }).status).toBe('lent');
    // Lent already: a second loan is refused.
    const twice = t.raw(clerk(), 'loans.create', {
      assetId: a.id,
      borrowerCustodianId: borrower,
      dueDate: '2026-03-09',
    });
    expect(errorOf(twice)).toMatchObject({ code: 'INVALID_TRANSITION', message: 'errors.loanAssetStatus' });
    expect(t.call(clerk(), 'loans.overdue', {})).toEqual([]);

    setToday('2026-03-09');
    const overdue = t.call(clerk(), 'loans.overdue', {});
    expect(overdue.map((l) => [l.id, l.daysOverdue])).toEqual([[loan.id, 4]]);
    expect(t.call(clerk(), 'loans.list', { overdue: true }).rows.map((l) => l.id)).toEqual([loan.id]);
    expect(t.call(clerk(), 'loans.list', { overdue: false }).total).toBe(0);

    // The daily check announces it once per day.
    const seen: unknown[] = [];
    const off = t.core.events.on((e) => {
      if (e.type === 'loans.overdue') seen.push(e.payload);
    });
    const reminders = startLoanReminders(t.core.services);
    expect(reminders.check()).toBe(1);
    expect(reminders.check()).toBeNull();
    reminders.stop();
    off();
    expect(seen).toEqual([{ date: '2026-03-09', count: 1, ids: [loan.id] }]);

    const back = t.call(clerk(), 'loans.return', {
      id: loan.id,
      returnedAt: '2026-03-09',
      condition: 'good',
    });
    expect(back).toMatchObject({
      status: 'returned',
      overdue: true,
      daysOverdue: 4,
      returnCondition: 'good',
    });
    expect(t.call(clerk(), 'assets.get', { id: a.id }).status).toBe('idle');
    expect(t.call(clerk(), 'loans.overdue', {})).toEqual([]);
    expect(t.call(clerk(), 'loans.list', { overdue: true }).total).toBe(0);
    const history = t.call(clerk(), 'assets.history', { id: a.id });
    expect(history.slice(0, 2).map((e) => e.kind)).toEqual(['loan_return', 'loan']);
    // The timeline says it in words, with how late it came back.
    expect(history[0]!.note).toBe(`${loan.number} 归还（完好），逾期 4 天`);
    const again = t.raw(clerk(), 'loans.return', { id: loan.id, returnedAt: '2026-03-09' });
    expect(errorOf(again)).toMatchObject({ code: 'INVALID_TRANSITION', message: 'errors.loanNotOut' });
  });

  it('an in-use asset returns to in use; due before lending is refused; the sheet is a PDF', () => {
    const a = asset('in_use');
    const bad = t.raw(clerk(), 'loans.create', {
      assetId: a.id,
      borrowerCustodianId: borrower,
      dueDate: '2026-03-01',
    });
    expect(errorOf(bad).details).toEqual([
      expect.objectContaining({ path: 'dueDate', message: 'validation.loanDueBeforeLent' }),
    ]);
    const loan = t.call(clerk(), 'loans.create', {
      assetId: a.id,
      borrowerCustodianId: borrower,
      dueDate: '2026-03-20',
    });
    const sheet = t.call(clerk(), 'loans.handoverPdf', { id: loan.id });
    expect(Buffer.from(sheet.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    t.call(clerk(), 'loans.return', {
      id: loan.id,
      returnedAt: '2026-03-03',
      condition: 'damaged',
      note: '镜头划伤',
    });
    expect(t.call(clerk(), 'assets.get', { id: a.id }).status).toBe('in_use');
    expect(t.call(clerk(), 'loans.get', { id: loan.id })).toMatchObject({
      overdue: false,
      daysOverdue: 0,
      returnCondition: 'damaged',
    });
  });

  it('is refused to an employee', () => {
    const a = asset('idle');
    const emp = insertUser(
      t.core.services.sqlite,
      { username: 'emp', displayName: 'E', passwordHash: 'x', roles: ['employee'] },
      clock.toISOString(),
    );
    const r = t.raw(createSession(t.core.services.sqlite, emp, 'desktop', clock), 'loans.create', {
      assetId: a.id,
      borrowerCustodianId: borrower,
      dueDate: '2026-03-20',
    });
    expect(errorOf(r).code).toBe('FORBIDDEN');
  });
});
