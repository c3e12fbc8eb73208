// Change vouchers API (变动单): financial changes to an asset once it has been depreciated, approved by a
// second person and effective from the month after approval.
import { z } from 'zod';
import { method } from '../../api/contract';
import {
  dateStr,
  depreciationMethod,
  fen,
  id,
  periodStr,
  rate,
  requiredText,
  trimmed,
  type Page,
} from '../../api/schemas';

export const CHANGE_KINDS = [
  'cost',
  'residual',
  'life',
  'method',
  'category',
  'expense_department',
  'impairment',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeStatus = 'draft' | 'pending' | 'approved' | 'rejected';

export interface ChangeVoucherDto {
  id: number;
  number: string;
  assetId: number;
  assetCode: string;
  assetName: string;
  kind: ChangeKind;
  /** The card's fields before, in API terms (cost, residualValue, residualRate, lifeMonths, method, categoryId, expenseDepartmentId). */
  before: Record<string, unknown>;
  /** The fields after; impairment: recoverableAmount, remainingLifeMonths?, residualValue?, lifeMonths?. */
  after: Record<string, unknown>;
  reason: string;
  date: string;
  status: ChangeStatus;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  approvedBy: number | null;
  approvedByName: string | null;
  approvedAt: string | null;
  /** First month the change applies to (the month after approval). */
  effectivePeriod: string | null;
  comment: string;
  version: number;
}

const months = z.number().int().min(1).max(1200);
const common = { assetId: id, reason: requiredText(500), date: dateStr.optional() };

export const ChangeCreateInput = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('cost'), after: z.object({ cost: fen }) }),
  z.object({
    ...common,
    kind: z.literal('residual'),
    after: z
      .object({ residualValue: fen.optional(), residualRate: rate.optional() })
      .refine((a) => (a.residualValue === undefined) !== (a.residualRate === undefined), {
        message: 'validation.residualRateOrValue',
        path: ['residualValue'],
      }),
  }),
  z.object({ ...common, kind: z.literal('life'), after: z.object({ lifeMonths: months }) }),
  z.object({ ...common, kind: z.literal('method'), after: z.object({ method: depreciationMethod }) }),
  z.object({ ...common, kind: z.literal('category'), after: z.object({ categoryId: id }) }),
  z.object({
    ...common,
    kind: z.literal('expense_department'),
    after: z.object({ expenseDepartmentId: id.nullable() }),
  }),
  z.object({
    ...common,
    kind: z.literal('impairment'),
    after: z.object({
      recoverableAmount: fen,
      remainingLifeMonths: months.optional(),
      residualValue: fen.optional(),
    }),
  }),
]);

export const changesContract = {
  'changes.create': method<ChangeVoucherDto>()({
    input: ChangeCreateInput,
    access: 'changes.create',
    mode: 'write',
    summary:
      'Raises a change voucher (变动单) for an asset, pending approval: kind cost | residual | life | method | category | expense_department | impairment with the values after. `date` (default today) must lie in an open period. Impairment is refused on a ledger kept under 小企业会计准则.',
    returns: 'ChangeVoucherDto',
  }),
  'changes.approve': method<ChangeVoucherDto>()({
    input: z.object({
      id,
      approve: z.boolean(),
      comment: trimmed(500).optional(),
      version: z.number().int().positive().optional(),
    }),
    access: 'changes.approve',
    mode: 'write',
    summary:
      'Approves (the card changes now, with a change_voucher history event; depreciation follows from the next month) or rejects a pending voucher. The person who raised it cannot approve it (FORBIDDEN, errors.approveOwnVoucher).',
    returns: 'ChangeVoucherDto',
  }),
  'changes.list': method<Page<ChangeVoucherDto>>()({
    input: z.object({
      assetId: id.optional(),
      period: periodStr.optional(),
      status: z.enum(['draft', 'pending', 'approved', 'rejected']).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: ['depreciation.read', 'changes.create', 'changes.approve'],
    mode: 'read',
    summary:
      'Change vouchers, newest first, per asset and/or per period (approved: effective in it; others: dated in it) and status.',
    returns: 'Page<ChangeVoucherDto>',
  }),
  'changes.get': method<ChangeVoucherDto>()({
    input: z.object({ id }),
    access: ['depreciation.read', 'changes.create', 'changes.approve'],
    mode: 'read',
    summary: 'One change voucher.',
    returns: 'ChangeVoucherDto',
  }),
};
