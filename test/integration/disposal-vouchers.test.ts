// Disposal vouchers in the vouchers module: an approved disposal writes a voucher (kind 'disposal') that
// vouchers.list, vouchers.get and vouchers.export show like the depreciation voucher, numbered in the same
// period, through the mapped accounts, with the gain or loss account chosen by the accounting standard:
// 企业会计准则 — a sale to 资产处置损益 (6115), a scrap or write-off to 营业外收入 (6301) / 营业外支出 (6711);
// 小企业会计准则 — every disposal to 营业外收入 (5301) / 营业外支出 (5711). Amounts worked out by hand in fen.
import { afterEach, describe, expect, it } from 'vitest';
import { setSetting } from '../../src/main/db/kv';
import { yuan } from './depreciation-run-helpers';
import { jobResult, readWorkbook, toFen } from './reports-helpers';
import { startShop, type Shop } from './repairs-fixtures';

let s: Shop | undefined;
afterEach(async () => {
  await s?.l.t.close();
  s = undefined;
});

type Line = { accountCode: string; debit: number; credit: number };
const tuples = (lines: Line[]) => lines.map((l) => [l.accountCode, l.debit, l.credit]);
const total = (lines: Line[], k: 'debit' | 'credit') => lines.reduce((n, l) => n + l[k], 0);

/** 12,000.00 元, 5% residual, 60 months SL, in service 2023-06-15: (12,000 − 600) / 60 = 190.00 a month from July. */
function laptop(shop: Shop, name: string) {
  return shop.l.asset({
    name,
    cost: yuan(12_000),
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: '2023-06-15',
  });
}

function dispose(shop: Shop, assetId: number, kind: string, money: { proceeds?: number; costs?: number }) {
  const { l } = shop;
  const d = l.t.call(shop.as('mgr'), 'disposals.create', {
    assetId,
    kind,
    date: '2024-01-20',
    reason: kind,
    ...money,
  } as never);
  l.t.call(l.acc1, 'approvals.act', { kind: 'disposal', documentId: d.id, action: 'approve' });
  return l.t.call(l.acc1, 'disposals.get', { id: d.id });
}

describe('disposal vouchers', () => {
  it('企业会计准则: a sale at a gain, a scrap at a loss and a write-off, each its own voucher in the period', async () => {
    s = startShop('2024-01-20');
    const { l } = s;
    const [A, B, C, D] = ['出售笔记本', '报废笔记本', '盘亏笔记本', '参照'].map((n) => laptop(s!, n));
    // Through January 2024 (its charge included): July 2023 … January 2024 = 7 months × 190.00 = 1,330.00;
    // NBV 12,000.00 − 1,330.00 = 10,670.00.
    const sale = dispose(s, A!.id, 'sale', { proceeds: yuan(11_000), costs: yuan(80) });
    // Gain = 11,000.00 − 80.00 − 10,670.00 = 250.00 → 资产处置损益.
    expect(sale).toMatchObject({
      cost: 1_200_000,
      accumulated: 133_000,
      netBookValue: 1_067_000,
      gainLoss: 25_000,
    });
    expect(tuples(sale.voucher!.lines)).toEqual([
      ['1606', 1_067_000, 0],
      ['1602', 133_000, 0],
      ['1601', 0, 1_200_000],
      ['1606', 8_000, 0],
      ['1002', 0, 8_000],
      ['1002', 1_100_000, 0],
      ['1606', 0, 1_100_000],
      ['1606', 25_000, 0],
      ['6115', 0, 25_000],
    ]);
    const scrap = dispose(s, B!.id, 'scrap', { proceeds: yuan(300), costs: yuan(120) });
    // Loss = 300.00 − 120.00 − 10,670.00 = −10,490.00 → 营业外支出 (报废毁损 is not a 资产处置).
    expect(scrap.gainLoss).toBe(-1_049_000);
    expect(tuples(scrap.voucher!.lines)).toEqual([
      ['1606', 1_067_000, 0],
      ['1602', 133_000, 0],
      ['1601', 0, 1_200_000],
      ['1606', 12_000, 0],
      ['1002', 0, 12_000],
      ['1002', 30_000, 0],
      ['1606', 0, 30_000],
      ['6711', 1_049_000, 0],
      ['1606', 0, 1_049_000],
    ]);
    const writeOff = dispose(s, C!.id, 'write_off', {});
    // 盘亏: the whole NBV 10,670.00 is a loss to 营业外支出.
    expect(writeOff.gainLoss).toBe(-1_067_000);
    expect(tuples(writeOff.voucher!.lines)).toEqual([
      ['1606', 1_067_000, 0],
      ['1602', 133_000, 0],
      ['1601', 0, 1_200_000],
      ['6711', 1_067_000, 0],
      ['1606', 0, 1_067_000],
    ]);
    for (const d of [sale, scrap, writeOff]) {
      const v = d.voucher!;
      expect(v.totalDebit).toBe(v.totalCredit);
      expect(total(v.lines, 'debit')).toBe(v.totalDebit);
      const clearing = v.lines.filter((x) => x.accountCode === '1606');
      expect(total(clearing, 'debit')).toBe(total(clearing, 'credit')); // 固定资产清理 cleared
    }

    // The vouchers module lists them in January, numbered 记-1..3 by approval; the depreciation voucher
    // generated after posting takes 记-4 and charges the disposed laptops' January too (当月减少当月照提).
    await l.post('2024-01');
    const dep = l.t.call(l.acc1, 'vouchers.generate', { period: '2024-01' });
    expect(dep.number).toBe(4);
    expect(dep.totalDebit).toBe(4 * 19_000);
    const listed = l.t.call(l.acc1, 'vouchers.list', { from: '2024-01', to: '2024-01' });
    expect(
      listed.map((v) => [v.kind, v.word, v.number, v.documentNumber, v.voucherDate, v.totalDebit]),
    ).toEqual([
      ['disposal', '记', 1, sale.number, '2024-01-20', 2_333_000],
      ['disposal', '记', 2, scrap.number, '2024-01-20', 2_291_000],
      ['disposal', '记', 3, writeOff.number, '2024-01-20', 2_267_000],
      ['depreciation', '记', 4, null, '2024-01-31', 76_000],
    ]);
    expect(l.t.call(l.acc1, 'vouchers.list', { kind: 'disposal' }).map((v) => v.documentId)).toEqual([
      sale.id,
      scrap.id,
      writeOff.id,
    ]);
    const got = l.t.call(l.acc1, 'vouchers.get', { id: sale.voucher!.id, assetsLimit: 10 });
    expect(got.summary).toBe(`出售 ${sale.assetCode} 出售笔记本（${sale.number}）`);
    expect(got.lines!.map((x) => [x.accountCode, x.assets.map((a) => [a.assetId, a.amount])])).toContainEqual(
      ['1601', [[A!.id, 1_200_000]]],
    );
    // Regenerating the depreciation voucher keeps its number and leaves the disposal vouchers alone.
    expect(l.t.call(l.acc1, 'vouchers.generate', { period: '2024-01' }).number).toBe(4);
    expect(l.t.call(l.acc1, 'vouchers.list', {}).length).toBe(4);
    expect(D).toBeTruthy();

    // Export: the sale's nine lines and the depreciation voucher's two, amounts round-tripping to the fen.
    const { jobId } = l.t.call(l.acc1, 'vouchers.export', { ids: [sale.voucher!.id, dep.id] });
    const ws = (await readWorkbook(await jobResult(l, jobId))).getWorksheet('凭证')!;
    expect(ws.rowCount).toBe(1 + 9 + 2);
    let debit = 0;
    let credit = 0;
    for (let r = 2; r <= 10; r++) {
      expect(ws.getRow(r).getCell(1).value).toBe('2024-01-20');
      expect(ws.getRow(r).getCell(3).value).toBe(1);
      debit += toFen(ws.getRow(r).getCell(7).value);
      credit += toFen(ws.getRow(r).getCell(8).value);
    }
    expect([debit, credit]).toEqual([2_333_000, 2_333_000]);
    expect((ws.getRow(10).values as unknown[]).slice(5, 7)).toEqual(['6115', '资产处置损益']);

    // The audit row of the approval names the voucher.
    const audit = l.t.call(l.admin, 'audit.list', { entity: 'disposal', entityId: String(sale.id) });
    expect(JSON.stringify(audit)).toContain(`"voucherId":${sale.voucher!.id}`);
  });

  it('a scrap sold for more than its book value is 营业外收入; a mapping override still sends losses to one account', () => {
    s = startShop('2024-01-20');
    const { l } = s;
    const A = laptop(s, '废旧整机');
    // Scrap proceeds 11,000.00 − NBV 10,670.00 = 330.00 → 营业外收入 6301.
    const d = dispose(s, A.id, 'scrap', { proceeds: yuan(11_000) });
    expect(d.gainLoss).toBe(33_000);
    expect(tuples(d.voucher!.lines).slice(-2)).toEqual([
      ['1606', 33_000, 0],
      ['6301', 0, 33_000],
    ]);
    const m = l.t.call(l.acc1, 'accounts.mapping.get', {});
    expect(m.disposalLossTo).toBe('standard');
    expect(m.accounts.bank).toEqual({ code: '1002', name: '银行存款' });
    l.t.call(l.acc1, 'accounts.mapping.update', {
      version: m.version,
      disposalLossTo: 'disposal_gain',
      accounts: { bank: { code: '100201', name: '银行存款-工行' } },
    });
    const B = laptop(s, '报废整机');
    const e = dispose(s, B.id, 'scrap', { costs: yuan(10) });
    // Loss 10,680.00 to 6115 as configured; the costs through the renamed bank account.
    expect(tuples(e.voucher!.lines).slice(3)).toEqual([
      ['1606', 1_000, 0],
      ['100201', 0, 1_000],
      ['6115', 1_068_000, 0],
      ['1606', 0, 1_068_000],
    ]);
  });

  it('小企业会计准则: the defaults follow its chart and every disposal goes to 营业外收入 / 营业外支出', () => {
    s = startShop('2024-01-20');
    const { l } = s;
    setSetting(l.t.core.services.sqlite, 'ledger.accountingStandard', 'sbe', new Date().toISOString());
    const m = l.t.call(l.acc1, 'accounts.mapping.get', {});
    expect(m.accounts.expense_admin.code).toBe('5602');
    expect(m.accounts.non_operating_income.code).toBe('5301');
    expect(m.accounts.non_operating_loss.code).toBe('5711');
    const [A, B] = ['出售', '报废'].map((n) => laptop(s!, n));
    const sale = dispose(s, A!.id, 'sale', { proceeds: yuan(11_000) });
    expect(tuples(sale.voucher!.lines).slice(-2)).toEqual([
      ['1606', 33_000, 0],
      ['5301', 0, 33_000],
    ]);
    const loss = dispose(s, B!.id, 'sale', { proceeds: yuan(10_000) });
    expect(tuples(loss.voucher!.lines).slice(-2)).toEqual([
      ['5711', 67_000, 0],
      ['1606', 0, 67_000],
    ]);
  });
});
