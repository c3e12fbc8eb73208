// Disposals API (处置): scrap, sale, donation, transfer out and write-off requests, approved through the
// approval engine (finance always), posted on approval through 固定资产清理 with gain or loss computed.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, requiredText, trimmed, type Page } from '../../api/schemas';
import type { ApprovalStatusDto } from '../approvals/contract';

export const DISPOSAL_KINDS = ['scrap', 'sale', 'donation', 'transfer_out', 'write_off'] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];
export const DISPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'cancelled'] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];

export interface DisposalVoucherLineDto {
  lineNo: number;
  summary: string;
  accountCode: string;
  accountName: string;
  debit: number;
  credit: number;
}

export interface DisposalDto {
  id: number;
  number: string;
  assetId: number;
  assetCode: string;
  assetName: string;
  kind: DisposalKind;
  date: string;
  proceeds: number;
  costs: number;
  reason: string;
  status: DisposalStatus;
  previousStatus: string;
  requestedBy: number | null;
  requestedByName: string | null;
  departmentId: number | null;
  /** Once approved (fen), as the books stood after the disposal month's charge; null before. */
  cost: number | null;
  accumulated: number | null;
  impairment: number | null;
  netBookValue: number | null;
  /** proceeds − costs − netBookValue: positive a gain, negative a loss. */
  gainLoss: number | null;
  approvedAt: string | null;
  /** The reason given when rejected or returned. */
  decidedReason: string;
  approval: ApprovalStatusDto | null;
  /** The disposal voucher (once approved; also in vouchers.list / vouchers.export): debits equal credits. */
  voucher: {
    id: number;
    period: string;
    word: string;
    number: number;
    lines: DisposalVoucherLineDto[];
    totalDebit: number;
    totalCredit: number;
  } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const DisposalCreateInput = z.object({
  assetId: id,
  kind: z.enum(DISPOSAL_KINDS),
  /** The disposal date: its month is the last month the asset is depreciated (当月减少当月照提). */
  date: dateStr,
  proceeds: fen.default(0),
  costs: fen.default(0),
  reason: requiredText(500),
});

export const disposalsContract = {
  'disposals.create': method<DisposalDto>()({
    input: DisposalCreateInput,
    access: 'disposals.create',
    mode: 'write',
    summary:
      'Requests a disposal (CZ-YYYYMM-NNNN) and submits it for approval (kind "disposal"; default steps: department head, then finance — the accountant role). Refused while the asset has an open repair (INVALID_TRANSITION errors.disposalOpenRepair), is lent out (errors.disposalAssetLent), or is held by an open count (ASSET_LOCKED naming the count); the date must lie in an open period, not before the in-service date, and not before the last posted depreciation month. The asset goes to pending_disposal. On final approval, in one transaction: amounts at the disposal month after its charge, the voucher through 固定资产清理, status disposed; the monthly run charges the disposal month and nothing after.',
    returns: 'DisposalDto',
  }),
  'disposals.cancel': method<DisposalDto>()({
    input: z.object({ id, version: z.number().int().positive(), reason: trimmed(500).optional() }),
    access: 'disposals.create',
    mode: 'write',
    summary:
      'The requester withdraws a pending or returned disposal; a pending one’s asset returns to its previous status.',
    returns: 'DisposalDto',
  }),
  'disposals.update': method<DisposalDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      kind: z.enum(DISPOSAL_KINDS).optional(),
      date: dateStr.optional(),
      proceeds: fen.optional(),
      costs: fen.optional(),
      reason: requiredText(500).optional(),
    }),
    access: 'disposals.create',
    mode: 'write',
    summary:
      'The requester edits a disposal returned for changes (kind, date, proceeds, costs, reason; the asset stays). FORBIDDEN errors.disposalNotOwner for anyone else, INVALID_TRANSITION errors.disposalStatus unless returned, CONFLICT on a stale version.',
    returns: 'DisposalDto',
  }),
  'disposals.submit': method<DisposalDto>()({
    input: z.object({ id, version: z.number().int().positive(), comment: trimmed(1000).optional() }),
    access: 'disposals.create',
    mode: 'write',
    summary:
      'The requester resubmits a returned disposal: the checks of disposals.create run again (other pending disposal, open count, open repair, lent out, dates), the asset goes back to pending_disposal and a new approval round starts. The same checks run once more at the final approval.',
    returns: 'DisposalDto',
  }),
  'disposals.get': method<DisposalDto>()({
    input: z.object({ id }),
    access: ['disposals.read', 'disposals.create'],
    mode: 'read',
    summary:
      'One disposal with its approval status; once approved also cost, accumulated, impairment, netBookValue and gainLoss (fen) and its voucher (id, period, word, number, lines; the same voucher vouchers.get returns).',
    returns: 'DisposalDto',
  }),
  'disposals.list': method<Page<DisposalDto>>()({
    input: z.object({
      assetId: id.optional(),
      status: z.enum(DISPOSAL_STATUSES).optional(),
      kind: z.enum(DISPOSAL_KINDS).optional(),
      from: dateStr.optional(),
      to: dateStr.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: ['disposals.read', 'disposals.create'],
    mode: 'read',
    summary:
      'Disposals, newest first, by asset, status, kind and disposal date range (without voucher lines).',
    returns: 'Page<DisposalDto>',
  }),
};
