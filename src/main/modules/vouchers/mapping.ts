// 科目映射: which account each posting goes to. Stored as one versioned app setting; expense accounts are
// chosen per department or per category (the nearest mapped ancestor wins, else the default).
import type { Sqlite } from '../../db/client';
import { getSetting, setSetting } from '../../db/kv';
import { conflict } from '../../api/errors';

export const ACCOUNT_KEYS = [
  'expense_admin',
  'expense_manufacturing',
  'expense_selling',
  'expense_rd',
  'accumulated_depreciation',
  'fixed_assets',
  'disposal',
  'impairment',
  'disposal_gain',
  'non_operating_income',
  'non_operating_loss',
  'bank',
] as const;
export type AccountKey = (typeof ACCOUNT_KEYS)[number];
export const EXPENSE_KEYS = [
  'expense_admin',
  'expense_manufacturing',
  'expense_selling',
  'expense_rd',
] as const;
export type ExpenseKey = (typeof EXPENSE_KEYS)[number];

export const DISPOSAL_LOSS_TO = ['standard', 'disposal_gain', 'non_operating_loss'] as const;
export type DisposalLossTo = (typeof DISPOSAL_LOSS_TO)[number];

export interface Account {
  code: string;
  name: string;
}

export interface AccountMapping {
  accounts: Record<AccountKey, Account>;
  /** Whether the expense account follows the expense department or the asset's category. */
  expenseBy: 'department' | 'category';
  defaultExpense: ExpenseKey;
  /** Department or category id (as a string key) → expense account key. */
  departments: Record<string, ExpenseKey>;
  categories: Record<string, ExpenseKey>;
  /**
   * Where a disposal's gain or loss goes. 'standard' (the default) follows the accounting standard chosen at
   * setup: under 企业会计准则 a sale or transfer out goes to 资产处置损益, a scrap, donation or write-off to
   * 营业外收入 / 营业外支出; under 小企业会计准则 every disposal goes to 营业外收入 / 营业外支出. The other
   * two values send every loss to that account (gains to 资产处置损益), as some firms' charts want.
   */
  disposalLossTo: DisposalLossTo;
  /** 凭证字. */
  voucherWord: string;
  version: number;
}

export const DEFAULT_MAPPING: Omit<AccountMapping, 'version'> = {
  accounts: {
    expense_admin: { code: '6602', name: '管理费用' },
    expense_manufacturing: { code: '5101', name: '制造费用' },
    expense_selling: { code: '6601', name: '销售费用' },
    expense_rd: { code: '5301', name: '研发支出' },
    accumulated_depreciation: { code: '1602', name: '累计折旧' },
    fixed_assets: { code: '1601', name: '固定资产' },
    disposal: { code: '1606', name: '固定资产清理' },
    impairment: { code: '1603', name: '固定资产减值准备' },
    disposal_gain: { code: '6115', name: '资产处置损益' },
    non_operating_income: { code: '6301', name: '营业外收入' },
    non_operating_loss: { code: '6711', name: '营业外支出' },
    bank: { code: '1002', name: '银行存款' },
  },
  expenseBy: 'department',
  defaultExpense: 'expense_admin',
  departments: {},
  categories: {},
  disposalLossTo: 'standard',
  voucherWord: '记',
};

/**
 * 小企业会计准则's chart differs where it has its own codes (and has neither 资产处置损益 nor 减值准备, which
 * stay at the enterprise codes for a user who adds them): the defaults of a ledger set up under it.
 */
const SBE_ACCOUNTS: Partial<Record<AccountKey, Account>> = {
  expense_admin: { code: '5602', name: '管理费用' },
  expense_manufacturing: { code: '4101', name: '制造费用' },
  expense_selling: { code: '5601', name: '销售费用' },
  expense_rd: { code: '4301', name: '研发支出' },
  non_operating_income: { code: '5301', name: '营业外收入' },
  non_operating_loss: { code: '5711', name: '营业外支出' },
};

export type AccountingStandard = 'cas' | 'sbe';

export function accountingStandard(sqlite: Sqlite): AccountingStandard {
  return getSetting<AccountingStandard>(sqlite, 'ledger.accountingStandard') === 'sbe' ? 'sbe' : 'cas';
}

const KEY = 'accounts.mapping';

export function readMapping(sqlite: Sqlite): AccountMapping {
  const stored = getSetting<Omit<AccountMapping, 'version'>>(sqlite, KEY);
  const version =
    (sqlite.prepare('SELECT version FROM app_settings WHERE key = ?').pluck().get(KEY) as
      number | undefined) ?? 0;
  return {
    ...DEFAULT_MAPPING,
    ...stored,
    accounts: {
      ...DEFAULT_MAPPING.accounts,
      ...(accountingStandard(sqlite) === 'sbe' ? SBE_ACCOUNTS : {}),
      ...stored?.accounts,
    },
    version,
  };
}

export function writeMapping(
  sqlite: Sqlite,
  patch: Partial<Omit<AccountMapping, 'version' | 'accounts'>> & {
    accounts?: Partial<Record<AccountKey, Account>>;
  },
  version: number,
  nowIso: string,
): AccountMapping {
  const cur = readMapping(sqlite);
  if (cur.version !== version) throw conflict('accounts.mapping', 'mapping', { version: cur.version });
  const { version: _v, ...rest } = cur;
  setSetting(sqlite, KEY, { ...rest, ...patch, accounts: { ...rest.accounts, ...patch.accounts } }, nowIso);
  return readMapping(sqlite);
}

/** Resolves an id to its expense key by walking up its tree to the nearest mapped ancestor. */
export function expenseResolver(
  sqlite: Sqlite,
  m: AccountMapping,
): (categoryId: number, departmentId: number | null) => ExpenseKey {
  const table = m.expenseBy === 'department' ? 'departments' : 'categories';
  const map = m.expenseBy === 'department' ? m.departments : m.categories;
  const parent = new Map<number, number | null>(
    (sqlite.prepare(`SELECT id, parent_id FROM ${table}`).raw().all() as [number, number | null][]).map(
      (r) => [r[0], r[1]],
    ),
  );
  const cache = new Map<number | null, ExpenseKey>();
  const resolve = (id: number | null): ExpenseKey => {
    const hit = cache.get(id);
    if (hit) return hit;
    let key: ExpenseKey = m.defaultExpense;
    for (let cur = id, guard = 0; cur !== null && cur !== undefined && guard < 50; guard++) {
      const k = map[String(cur)];
      if (k) {
        key = k;
        break;
      }
      cur = parent.get(cur) ?? null;
    }
    cache.set(id, key);
    return key;
  };
  return (categoryId, departmentId) => resolve(m.expenseBy === 'department' ? departmentId : categoryId);
}
