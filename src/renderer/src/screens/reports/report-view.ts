// Report cells on screen: money from fen as ¥, counts and units as numbers; default dates.
import type { ReportKind } from '../../../../main/modules/reports/contract';
import type { Cell, Col } from '../../../../main/modules/reports/columns';
import { money } from '../../lib/format';

/** The kinds (a copy of the contract's list: importing that would bundle zod). */
export const REPORT_KINDS = [
  'depreciation_detail',
  'register',
  'movement',
  'allocation',
  'book_tax_difference',
] as const satisfies readonly ReportKind[];

export function cellText(c: Col, v: Cell): string {
  if (v === null || v === '') return '';
  if (c.kind === 'money' && typeof v === 'number') return money(v);
  if (typeof v === 'number') return v.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return v;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function thisMonth(): string {
  return today().slice(0, 7);
}
