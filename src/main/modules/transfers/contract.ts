// Issue and transfer API (领用/调拨): moving assets to a person, place or department, with an approval
// when a move crosses departments, and the handover sheet to sign.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, id, paging, requiredText, trimmed, type Page } from '../../api/schemas';
import type { ApprovalStatusDto, ApprovalStepDto } from '../approvals/contract';

export const TRANSFER_STATUSES = ['pending', 'done', 'rejected', 'returned', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
/** issue: every asset came from idle stock (and goes into use); transfer: anything else. */
export type TransferKind = 'issue' | 'transfer';

export interface TransferLineDto {
  assetId: number;
  assetCode: string;
  assetName: string;
  model: string;
  fromDepartmentId: number | null;
  fromDepartmentName: string | null;
  fromLocationId: number | null;
  fromLocationName: string | null;
  fromCustodianId: number | null;
  fromCustodianName: string | null;
  fromStatus: string;
  /** The change voucher raised for the expense department of a depreciated asset, if any. */
  changeVoucherId: number | null;
}

export interface TransferListRow {
  id: number;
  number: string;
  kind: TransferKind;
  status: TransferStatus;
  toDepartmentId: number | null;
  toDepartmentName: string | null;
  toLocationId: number | null;
  toLocationName: string | null;
  toCustodianId: number | null;
  toCustodianName: string | null;
  reason: string;
  date: string;
  crossesDepartments: boolean;
  requesterId: number;
  requesterName: string | null;
  assetCount: number;
  createdAt: string;
  version: number;
  /** The step a pending transfer waits at, and whom (a named person, else the role). */
  waitingAt: Pick<ApprovalStepDto, 'name' | 'approverType' | 'roleKey' | 'assigneeName'> | null;
}

export interface TransferDto extends Omit<TransferListRow, 'waitingAt'> {
  decidedAt: string | null;
  decisionNote: string;
  lines: TransferLineDto[];
  approval: ApprovalStatusDto | null;
}

const destination = z
  .object({
    departmentId: id.optional(),
    locationId: id.optional(),
    custodianId: id.optional(),
  })
  .refine((d) => d.departmentId !== undefined || d.locationId !== undefined || d.custodianId !== undefined, {
    message: 'validation.transferNoDestination',
  });

export const transfersContract = {
  'transfers.create': method<TransferDto>()({
    input: z.object({
      assetIds: z.array(id).min(1).max(500),
      /** Where the assets go: a department, a place, a person (whose department is taken when none is given). */
      to: destination,
      reason: requiredText(500),
      date: dateStr.optional(),
    }),
    access: 'transfers.create',
    mode: 'write',
    summary:
      'Issue (领用: idle assets go into use) or transfer (调拨) assets to a department, location and/or custodian. A move across departments waits for approval (kind transfer; default: the giving department’s head); others move at once. On the move each asset gets a transfer history event; when the expense department of an asset with posted depreciation changes, a change voucher (kind expense_department) is raised instead of a direct edit. Assets under an open count are ASSET_LOCKED; lent, in-repair or disposed assets are refused.',
    returns: 'TransferDto',
  }),
  'transfers.update': method<TransferDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      /** Replaces every asset of the document. */
      assetIds: z.array(id).min(1).max(500).optional(),
      to: destination.optional(),
      reason: requiredText(500).optional(),
      date: dateStr.optional(),
    }),
    access: 'transfers.create',
    mode: 'write',
    summary:
      'Edit one’s own transfer returned for changes (退回修改): its assets, destination, reason or date. Nothing moves until it is submitted again.',
    returns: 'TransferDto',
  }),
  'transfers.submit': method<TransferDto>()({
    input: z.object({ id, version: z.number().int().positive(), comment: trimmed(1000).default('') }),
    access: 'transfers.create',
    mode: 'write',
    summary:
      'Submit one’s own returned transfer again: a new approval round when it still crosses departments (the trail keeps both), else the assets move at once.',
    returns: 'TransferDto',
  }),
  'transfers.get': method<TransferDto>()({
    input: z.object({ id }),
    access: ['transfers.read', 'transfers.create'],
    mode: 'read',
    summary: 'A transfer with its assets (where each came from) and where its approval stands.',
    returns: 'TransferDto',
  }),
  'transfers.list': method<Page<TransferListRow>>()({
    input: z.object({
      status: z.enum(TRANSFER_STATUSES).optional(),
      kind: z.enum(['issue', 'transfer']).optional(),
      assetId: id.optional(),
      query: trimmed(100).optional(),
      ...paging,
    }),
    access: ['transfers.read', 'transfers.create'],
    mode: 'read',
    summary: 'Transfers and issues, newest first.',
    returns: '{ rows: TransferListRow[], total }',
  }),
  'transfers.cancel': method<TransferDto>()({
    input: z.object({ id, version: z.number().int().positive(), reason: requiredText(500) }),
    access: 'transfers.create',
    mode: 'write',
    summary: 'Withdraw a transfer still waiting for approval (or returned for changes); nothing moves.',
    returns: 'TransferDto',
  }),
  'transfers.handoverPdf': method<{ pdf: string; fileName: string }>()({
    input: z.object({ id }),
    access: ['transfers.read', 'transfers.create'],
    mode: 'read',
    summary:
      'The handover sheet (交接单) to print and sign: the assets, from and to, and a signatures block (PDF, CJK font).',
    returns: '{ pdf: base64, fileName }',
  }),
};
