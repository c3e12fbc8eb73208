// What a disposal does to the books: the asset's cost, accumulated depreciation and impairment after
// the disposal month's charge (the depreciation module's own computation, so the posted month agrees to
// the fen), the gain or loss, and the disposal voucher through 固定资产清理 (1606).
import type { Sqlite } from '../../db/client';
import { loadAssetFacts, monthEntry } from '../depreciation/ledger-month';
import { PlanCache } from '../depreciation/fast-row';
import { readMapping, type Account } from '../vouchers/mapping';
import type { DisposalKind, DisposalVoucherLineDto } from './contract';

export interface DisposalAmounts {
  cost: number;
  accumulated: number;
  impairment: number;
  netBookValue: number;
  gainLoss: number;
}

/**
 * The books at the end of the disposal month (its charge included: 当月减少当月照提). Read after the
 * asset is marked disposed, so the ledger sees the disposal month and charges nothing later.
 */
export function amountsAt(
  sqlite: Sqlite,
  assetId: number,
  date: string,
  money: { proceeds: number; costs: number },
): DisposalAmounts {
  const period = date.slice(0, 7);
  const facts = loadAssetFacts(sqlite, period, assetId)[0];
  const entry = facts ? monthEntry(facts, period, new PlanCache()) : null;
  const card = sqlite.prepare('SELECT cost FROM assets WHERE id = ?').pluck().get(assetId) as number;
  const cost = entry?.cost ?? card;
  const accumulated = entry?.accumulated ?? 0;
  const impairment = entry?.impairment ?? 0;
  const netBookValue = cost - accumulated - impairment;
  return {
    cost,
    accumulated,
    impairment,
    netBookValue,
    gainLoss: money.proceeds - money.costs - netBookValue,
  };
}

/** Proceeds and costs are settled through the bank unless the mapping names another account. */
const DEFAULT_BANK: Account = { code: '1002', name: '银行存款' };

const KIND_LABEL: Record<DisposalKind, string> = {
  scrap: '报废',
  sale: '出售',
  donation: '捐赠',
  transfer_out: '调出',
  write_off: '盘亏核销',
};

/**
 * The voucher lines (fen), zero lines left out:
 *   Dr 1606 NBV, Dr 1602 accumulated, Dr 1603 impairment / Cr 1601 cost   (转入清理)
 *   Dr 1606 / Cr bank costs;  Dr bank / Cr 1606 proceeds
 *   gain: Dr 1606 / Cr 6115;  loss: Dr 6115 or 6711 (as configured) / Cr 1606.
 */
export function disposalVoucher(
  sqlite: Sqlite,
  d: {
    number: string;
    kind: DisposalKind;
    assetCode: string;
    assetName: string;
    proceeds: number;
    costs: number;
  },
  a: DisposalAmounts,
): { word: string; lines: DisposalVoucherLineDto[] } {
  const m = readMapping(sqlite);
  const acc = m.accounts;
  const bank = (acc as Partial<Record<string, Account>>).bank ?? DEFAULT_BANK;
  const summary = `${KIND_LABEL[d.kind]} ${d.assetCode} ${d.assetName}（${d.number}）`;
  const lines: DisposalVoucherLineDto[] = [];
  const line = (account: Account, debit: number, credit: number) => {
    if (debit === 0 && credit === 0) return;
    lines.push({
      lineNo: lines.length + 1,
      summary,
      accountCode: account.code,
      accountName: account.name,
      debit,
      credit,
    });
  };
  line(acc.disposal, a.netBookValue, 0);
  line(acc.accumulated_depreciation, a.accumulated, 0);
  line(acc.impairment, a.impairment, 0);
  line(acc.fixed_assets, 0, a.cost);
  line(acc.disposal, d.costs, 0);
  line(bank, 0, d.costs);
  line(bank, d.proceeds, 0);
  line(acc.disposal, 0, d.proceeds);
  if (a.gainLoss > 0) {
    line(acc.disposal, a.gainLoss, 0);
    line(acc.disposal_gain, 0, a.gainLoss);
  } else if (a.gainLoss < 0) {
    line(acc[m.disposalLossTo], -a.gainLoss, 0);
    line(acc.disposal, 0, -a.gainLoss);
  }
  return { word: m.voucherWord, lines };
}
