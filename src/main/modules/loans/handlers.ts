// Loan handlers: thin — the rules are in loans.ts, the sheet in transfers/handover-pdf.ts.
import type { Ctx, HandlersOf } from '../../api/context';
import { handoverPdf } from '../transfers/handover-pdf';
import { companyName } from '../reports/sources-common';
import type { loansContract } from './contract';
import { createLoan, getLoan, listLoans, overdueLoans, returnLoan } from './loans';

const CONDITION: Record<string, string> = { good: '完好', damaged: '损坏', incomplete: '配件不全' };

function loanSheet(ctx: Ctx, id: number): { pdf: string; fileName: string } {
  const l = getLoan(ctx, id);
  const a = ctx.sqlite
    .prepare(
      `SELECT a.model, a.serial_no, d.name AS dept, lo.name AS loc, c.name AS cust FROM assets a
       LEFT JOIN departments d ON d.id = a.department_id LEFT JOIN locations lo ON lo.id = a.location_id
       LEFT JOIN custodians c ON c.id = a.custodian_id WHERE a.id = ?`,
    )
    .get(l.assetId) as {
    model: string;
    serial_no: string;
    dept: string | null;
    loc: string | null;
    cust: string | null;
  };
  const remarks: [string, string][] = [
    ['借用日期', l.lentDate],
    ['应还日期', l.dueDate],
  ];
  if (l.note) remarks.push(['用途', l.note]);
  if (l.returnedAt)
    remarks.push([
      '归还',
      `${l.returnedAt}（${CONDITION[l.returnCondition ?? 'good']}）${l.overdue ? ` 逾期 ${l.daysOverdue} 天` : ''}`,
    ]);
  const buf = handoverPdf({
    title: '资产借用单',
    company: companyName(ctx.sqlite).trim(),
    number: l.number,
    date: l.lentDate,
    from: [
      ['部门', a.dept ?? ''],
      ['位置', a.loc ?? ''],
      ['保管人', a.cust ?? ''],
    ],
    to: [
      ['借用人', l.borrowerName],
      ['部门', l.borrowerDepartmentName ?? ''],
      ['应还日期', l.dueDate],
    ],
    assets: [{ code: l.assetCode, name: l.assetName, model: a.model, serialNo: a.serial_no, note: '' }],
    remarks,
    signers: ['出借人', '借用人', '归还验收人'],
  });
  return { pdf: buf.toString('base64'), fileName: `${l.number}.pdf` };
}

export const loansHandlers: HandlersOf<typeof loansContract> = {
  'loans.create': (ctx, input) => getLoan(ctx, createLoan(ctx, input)),
  'loans.return': (ctx, input) => {
    returnLoan(ctx, input);
    return getLoan(ctx, input.id);
  },
  'loans.get': (ctx, { id }) => getLoan(ctx, id),
  'loans.list': (ctx, input) => listLoans(ctx, input),
  'loans.overdue': (ctx) => overdueLoans(ctx.sqlite, ctx.today),
  'loans.handoverPdf': (ctx, { id }) => loanSheet(ctx, id),
};
