// From a report kind and its parameters to the report's data, checking the parameters each kind needs.
import type { Sqlite } from '../../db/client';
import { validation } from '../../api/errors';
import { bookTaxReport } from './book-tax';
import type { ReportData } from './columns';
import type { ReportKind, ReportParams } from './contract';
import { detailReport } from './detail';
import { allocationReport, movementReport, registerReport } from './summaries';

function need<T>(v: T | undefined, field: string): T {
  if (v === undefined) throw validation(`params.${field}`, 'validation.required');
  return v;
}

export function buildReport(sqlite: Sqlite, kind: ReportKind, p: ReportParams): ReportData {
  if (p.from && p.to && p.to < p.from) throw validation('params.to', 'validation.periodRange');
  switch (kind) {
    case 'depreciation_detail':
      if (p.forecastTo && p.forecastTo !== 'end_of_life' && p.forecastTo < need(p.from, 'from'))
        throw validation('params.forecastTo', 'validation.periodRange');
      return detailReport(sqlite, {
        from: need(p.from, 'from'),
        to: p.to,
        forecastTo: p.forecastTo,
        categoryId: p.categoryId,
        departmentId: p.departmentId,
      });
    case 'register':
      return registerReport(sqlite, need(p.date, 'date'));
    case 'movement':
      return movementReport(sqlite, need(p.period, 'period'));
    case 'allocation':
      return allocationReport(sqlite, need(p.period, 'period'));
    case 'book_tax_difference':
      return bookTaxReport(sqlite, need(p.from, 'from'), p.to);
  }
}

export const FILE_NAMES: Record<ReportKind, string> = {
  depreciation_detail: '折旧明细表',
  register: '固定资产明细账',
  movement: '增减变动表',
  allocation: '折旧分配表',
  book_tax_difference: '会计税法折旧差异表',
};
