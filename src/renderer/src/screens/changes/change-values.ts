// How a change voucher's before/after values read on screen: money as ¥, rates as %, months, methods
// and the names of categories and departments.
import type { ChangeKind, ChangeVoucherDto } from '../../../../main/modules/changes/contract';
import { money, percent } from '../../lib/format';
import { t } from '../../lib/i18n/index.svelte';

/** The kinds (a copy of the contract's list: importing that would bundle zod). */
export const CHANGE_KINDS = [
  'cost',
  'residual',
  'life',
  'method',
  'category',
  'expense_department',
  'impairment',
] as const satisfies readonly ChangeKind[];

export type RefName = (tree: 'categories' | 'departments', id: number) => string | null;

const MONEY = new Set(['cost', 'residualValue', 'recoverableAmount']);

export function valueText(field: string, v: unknown, refName: RefName): string {
  if (v === null || v === undefined) return '—';
  if (MONEY.has(field) && typeof v === 'number') return money(v);
  if (field === 'residualRate' && typeof v === 'number') return percent(v);
  if ((field === 'lifeMonths' || field === 'remainingLifeMonths') && typeof v === 'number')
    return t('changes.months', { n: v });
  if (field === 'method') return t(`method.${String(v)}`);
  if (field === 'categoryId' && typeof v === 'number') return refName('categories', v) ?? `#${v}`;
  if (field === 'expenseDepartmentId' && typeof v === 'number') return refName('departments', v) ?? `#${v}`;
  return String(v);
}

export interface ChangeLine {
  field: string;
  before: string | null;
  after: string;
}

/** One line per changed field; an impairment shows its recoverable amount (no "before"). */
export function changeLines(c: ChangeVoucherDto, refName: RefName): ChangeLine[] {
  return Object.keys(c.after).map((field) => ({
    field,
    before: field in c.before ? valueText(field, c.before[field], refName) : null,
    after: valueText(field, c.after[field], refName),
  }));
}
