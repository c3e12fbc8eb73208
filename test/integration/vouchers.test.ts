// Account mapping and the depreciation voucher through dispatch, on the two-month ledger of
// reports-helpers.ts: lines per expense account equal the posted entries to the fen.
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger } from './depreciation-run-helpers';
import { jobResult, readWorkbook, toFen, twoMonthLedger } from './reports-helpers';

let l: Ledger | undefined;
afterEach(async () => {
  await l?.t.close();
  l = undefined;
});

describe('account mapping', () => {
  it('has the standard codes by default and changes with the version read', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const m = l.t.call(l.acc1, 'accounts.mapping.get', {});
    expect(m.accounts.accumulated_depreciation).toEqual({ code: '1602', name: '累计折旧' });
    expect(m.accounts.expense_manufacturing.code).toBe('5101');
    expect(m.version).toBe(0);
    const u = l.t.call(l.acc1, 'accounts.mapping.update', {
      version: 0,
      departments: { [String(l.otherDeptId)]: 'expense_manufacturing' },
      accounts: { expense_admin: { code: '660201', name: '管理费用-折旧费' } },
    });
    expect(u.version).toBe(1);
    expect(u.accounts.expense_admin.code).toBe('660201');
    expect(u.accounts.disposal.code).toBe('1606');
    const stale = l.t.raw(l.acc1, 'accounts.mapping.update', { version: 0, voucherWord: '转' });
    expect(stale.ok ? 'OK' : stale.error.code).toBe('CONFLICT');
    // An auditor reads it but may not change it.
    const auditor = l.t.raw(l.admin, 'accounts.mapping.get', {});
    expect(auditor.ok).toBe(true);
  });
});

describe('vouchers', () => {
  it('summarises March per expense account against 1602, to the fen, with the assets behind each line', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    l.t.call(l.acc1, 'accounts.mapping.update', {
      version: 0,
      departments: { [String(l.otherDeptId)]: 'expense_manufacturing' },
    });
    const v = l.t.call(l.acc1, 'vouchers.generate', { period: '2024-03' });
    expect(v).toMatchObject({
      period: '2024-03',
      word: '记',
      number: 1,
      voucherDate: '2024-03-31',
      summary: '计提2024年3月折旧',
    });
    // FIN (A, B) → 管理费用: 190,000 + 333,333; OPS (C, D) → 制造费用: 100,000 + 83,333.
    expect(v.lines!.map((x) => [x.accountCode, x.debit, x.credit, x.assetCount])).toEqual([
      ['6602', 523_333, 0, 2],
      ['5101', 183_333, 0, 2],
      ['1602', 0, 706_666, 4],
    ]);
    const entries = l.t.call(l.acc1, 'depreciation.entries', { period: '2024-03', limit: 100 });
    expect(v.totalDebit).toBe(entries.rows.reduce((s, e) => s + e.amount, 0));
    expect(v.lines![0]!.assets.map((a) => a.amount).sort()).toEqual([190_000, 333_333]);
    // Regenerating keeps the number; February gets the next one in its own period (1).
    const again = l.t.call(l.acc1, 'vouchers.generate', { period: '2024-03' });
    expect([again.id, again.number]).toEqual([v.id, 1]);
    const feb = l.t.call(l.acc1, 'vouchers.generate', { period: '2024-02' });
    expect(feb.number).toBe(1);
    expect(l.t.call(l.acc1, 'vouchers.list', {}).map((x) => x.period)).toEqual(['2024-03', '2024-02']);
    // Not posted: refused.
    const r = l.t.raw(l.acc1, 'vouchers.generate', { period: '2024-04' });
    expect(r.ok ? 'OK' : r.error.code).toBe('VALIDATION');
  });

  it('exports in the documented layout, amounts round-tripping to the fen', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    const v = l.t.call(l.acc1, 'vouchers.generate', { period: '2024-03' });
    const { jobId } = l.t.call(l.acc1, 'vouchers.export', { ids: [v.id] });
    const wb = await readWorkbook(await jobResult(l, jobId));
    const ws = wb.getWorksheet('凭证')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '凭证日期',
      '凭证字',
      '凭证号',
      '摘要',
      '科目编码',
      '科目名称',
      '借方金额',
      '贷方金额',
      '附件数',
      '辅助核算',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Everything on the default mapping: one 管理费用 line and the credit.
    expect((ws.getRow(2).values as unknown[]).slice(1, 7)).toEqual([
      '2024-03-31',
      '记',
      1,
      '计提2024年3月折旧',
      '6602',
      '管理费用',
    ]);
    expect(toFen(ws.getRow(2).getCell(7).value)).toBe(706_666);
    expect(toFen(ws.getRow(3).getCell(8).value)).toBe(706_666);
    expect(ws.getRow(2).getCell(7).numFmt).toBe('#,##0.00');
    const detail = wb.getWorksheet('凭证资产明细')!;
    let sum = 0;
    for (let r = 2; r <= detail.rowCount; r++) sum += toFen(detail.getRow(r).getCell(8).value);
    expect(sum).toBe(706_666);
  });

  it('refuses a closed period', async () => {
    const x = await twoMonthLedger();
    l = x.l;
    l.t.call(l.acc1, 'periods.close', { period: '2024-02' });
    const r = l.t.raw(l.acc1, 'vouchers.generate', { period: '2024-02' });
    expect(r.ok ? 'OK' : r.error.code).toBe('PERIOD_CLOSED');
  });
});
