// What a disposal does to the books: the asset's cost, accumulated depreciation and impairment after
// the disposal month's charge (the depreciation module's own computation, so the posted month agrees to
// the fen), the gain or loss, and the disposal voucher's lines through 固定资产清理 (1606), written to the
// vouchers module by write.ts.
import type { Sqlite } from '../../db/client';
import { loadAssetFacts, monthEntry } from '../depreciation/ledger-month';
import { PlanCache } from '../depreciation/fast-row';
import type { DocumentVoucherLine } from '../vouchers/document';
import {
  accountingStandard,
  readMapping,
  type Account,
  type AccountingStandard,
  type AccountMapping,
} from '../vouchers/mapping';
import type { DisposalKind } from './contract';

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

const KIND_LABEL: Record<DisposalKind, string> = {
  scrap: '报废',
  sale: '出售',
  donation: '捐赠',
  transfer_out: '调出',
  write_off: '盘亏核销',
};

/** Kinds whose result is a disposal gain or loss (资产处置损益) under 企业会计准则: a sale or exchange. */
const DISPOSAL_GAIN_KINDS: ReadonlySet<DisposalKind> = new Set(['sale', 'transfer_out']);

/**
 * Where the gain or loss goes. Under 企业会计准则 (财会〔2017〕30号 presentation) a sale or transfer out goes
 * to 资产处置损益 either way; a scrap (报废毁损), donation or write-off (盘亏) goes to 营业外收入 or 营业外支出.
 * 小企业会计准则 has no 资产处置损益: every disposal's net gain is 营业外收入, net loss 营业外支出. A mapping
 * set to one account sends every loss there (and gains to 资产处置损益), as before.
 */
export function gainLossAccount(
  m: AccountMapping,
  standard: AccountingStandard,
  kind: DisposalKind,
  gain: boolean,
) {
  const acc = m.accounts;
  if (m.disposalLossTo !== 'standard') return gain ? acc.disposal_gain : acc[m.disposalLossTo];
  if (standard === 'cas' && DISPOSAL_GAIN_KINDS.has(kind)) return acc.disposal_gain;
  return gain ? acc.non_operating_income : acc.non_operating_loss;
}

/**
 * The voucher lines (fen), zero lines left out:
 *   Dr 1606 NBV, Dr 1602 accumulated, Dr 1603 impairment / Cr 1601 cost   (转入清理)
 *   Dr 1606 / Cr bank costs;  Dr bank / Cr 1606 proceeds
 *   gain: Dr 1606 / Cr 6115 or 6301;  loss: Dr 6115 or 6711 / Cr 1606 (gainLossAccount).
 */
export function disposalVoucher(
  sqlite: Sqlite,
  d: {
    number: string;
    kind: DisposalKind;
    assetId: number;
    assetCode: string;
    assetName: string;
    proceeds: number;
    costs: number;
  },
  a: DisposalAmounts,
): { word: string; summary: string; lines: DocumentVoucherLine[] } {
  const m = readMapping(sqlite);
  const acc = m.accounts;
  const summary = `${KIND_LABEL[d.kind]} ${d.assetCode} ${d.assetName}（${d.number}）`;
  const lines: DocumentVoucherLine[] = [];
  const line = (account: Account, debit: number, credit: number) => {
    if (debit === 0 && credit === 0) return;
    lines.push({ summary, account, debit, credit, assetId: d.assetId });
  };
  line(acc.disposal, a.netBookValue, 0);
  line(acc.accumulated_depreciation, a.accumulated, 0);
  line(acc.impairment, a.impairment, 0);
  line(acc.fixed_assets, 0, a.cost);
  line(acc.disposal, d.costs, 0);
  line(acc.bank, 0, d.costs);
  line(acc.bank, d.proceeds, 0);
  line(acc.disposal, 0, d.proceeds);
  const standard = accountingStandard(sqlite);
  if (a.gainLoss > 0) {
    line(acc.disposal, a.gainLoss, 0);
    line(gainLossAccount(m, standard, d.kind, true), 0, a.gainLoss);
  } else if (a.gainLoss < 0) {
    line(gainLossAccount(m, standard, d.kind, false), -a.gainLoss, 0);
    line(acc.disposal, 0, -a.gainLoss);
  }
  return { word: m.voucherWord, summary, lines };
}
