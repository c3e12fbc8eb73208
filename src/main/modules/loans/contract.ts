// Loans API (借用): lending an asset to a person until a due date, its return (back to the status it
// had), the overdue list for reminders and the handover sheet.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, id, paging, trimmed, type Page } from '../../api/schemas';

export const RETURN_CONDITIONS = ['good', 'damaged', 'incomplete'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export interface LoanDto {
  id: number;
  number: string;
  assetId: number;
  assetCode: string;
  assetName: string;
  borrowerCustodianId: number;
  borrowerName: string;
  borrowerDepartmentName: string | null;
  lentDate: string;
  dueDate: string;
  note: string;
  /** The asset's status before lending; a return restores it. */
  previousStatus: string;
  status: 'out' | 'returned';
  returnedAt: string | null;
  returnCondition: ReturnCondition | null;
  returnNote: string;
  /** Out past the due date (as of today), or returned after it. */
  overdue: boolean;
  /** Days past the due date: as of today while out, at the return once back; 0 when on time. */
  daysOverdue: number;
  createdByName: string | null;
  createdAt: string;
  version: number;
}

export const loansContract = {
  'loans.create': method<LoanDto>()({
    input: z.object({
      assetId: id,
      borrowerCustodianId: id,
      dueDate: dateStr,
      note: trimmed(1000).default(''),
      /** Defaults to today. */
      lentDate: dateStr.optional(),
    }),
    access: 'loans.manage',
    mode: 'write',
    summary:
      'Lend an asset (借用) to a person until dueDate: the asset becomes 借出 (lent) through the status door. Refused for an asset already lent, in repair, disposed, on an open transfer or under an open count (ASSET_LOCKED).',
    returns: 'LoanDto',
  }),
  'loans.return': method<LoanDto>()({
    input: z.object({
      id,
      returnedAt: dateStr,
      condition: z.enum(RETURN_CONDITIONS).default('good'),
      note: trimmed(1000).default(''),
      version: z.number().int().positive().optional(),
    }),
    access: 'loans.manage',
    mode: 'write',
    summary:
      'Take a lent asset back: it returns to the status it had before the loan; a late return stays visible (overdue, daysOverdue).',
    returns: 'LoanDto',
  }),
  'loans.get': method<LoanDto>()({
    input: z.object({ id }),
    access: ['loans.manage', 'assets.read'],
    mode: 'read',
    summary: 'One loan with its asset, borrower, dates and status.',
    returns: 'LoanDto',
  }),
  'loans.list': method<Page<LoanDto>>()({
    input: z.object({
      status: z.enum(['out', 'returned']).optional(),
      /** true: only loans out past their due date (as of today). */
      overdue: z.boolean().optional(),
      assetId: id.optional(),
      borrowerCustodianId: id.optional(),
      ...paging,
    }),
    access: ['loans.manage', 'assets.read'],
    mode: 'read',
    summary: 'Loans, newest first; overdue: true for those out past their due date.',
    returns: '{ rows: LoanDto[], total }',
  }),
  'loans.overdue': method<LoanDto[]>()({
    input: z.object({}),
    access: ['loans.manage', 'assets.read'],
    mode: 'read',
    summary:
      'Loans out past their due date, most overdue first (for reminders; the core also emits a daily "loans.overdue" event).',
    returns: 'LoanDto[]',
  }),
  'loans.handoverPdf': method<{ pdf: string; fileName: string }>()({
    input: z.object({ id }),
    access: ['loans.manage', 'assets.read'],
    mode: 'read',
    summary:
      'The loan handover sheet (借用单) to print and sign: the asset, lender and borrower, due date, signatures.',
    returns: '{ pdf: base64, fileName }',
  }),
};

export type LoanPage = Page<LoanDto>;
