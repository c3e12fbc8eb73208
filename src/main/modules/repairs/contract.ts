// Repairs API (报修): work orders from anyone, assignment, status, costs with invoices, downtime, cost
// reports, and closing with capitalisation (a cost-increase change voucher) instead of expensing.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, requiredText, trimmed, type Page } from '../../api/schemas';

export const REPAIR_STATUSES = [
  'reported',
  'accepted',
  'in_repair',
  'waiting_parts',
  'done',
  'closed',
  'cancelled',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
export const REPAIR_URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type RepairUrgency = (typeof REPAIR_URGENCIES)[number];

/** A file uploaded with the order: base64, at most 20 MB decoded (stored as an asset attachment). */
const upload = z.object({
  fileName: requiredText(255),
  mime: z.string().trim().min(1).max(100),
  data: z.string().min(1).max(28_000_000),
});

export interface RepairFileDto {
  attachmentId: number;
  role: 'photo' | 'invoice';
  fileName: string;
  mime: string;
  size: number;
}

export interface RepairDto {
  id: number;
  number: string;
  assetId: number;
  assetCode: string;
  assetName: string;
  categoryId: number;
  fault: string;
  urgency: RepairUrgency;
  status: RepairStatus;
  /** The asset's status before the order; it returns to it when the work is done (or the order cancelled). */
  previousStatus: string;
  reportedBy: number | null;
  reportedByName: string | null;
  reportedDate: string;
  assigneeType: 'internal' | 'vendor' | null;
  assigneeUserId: number | null;
  assigneeName: string | null;
  vendorId: number | null;
  vendorName: string | null;
  acceptedAt: string | null;
  doneAt: string | null;
  doneDate: string | null;
  closedAt: string | null;
  partsCost: number;
  labourCost: number;
  vendorCost: number;
  totalCost: number;
  /** Whole hours between accepted and done (null until both are known). */
  downtimeHours: number | null;
  note: string;
  capitalisedAmount: number | null;
  extendLifeMonths: number | null;
  costVoucherId: number | null;
  lifeVoucherId: number | null;
  files: RepairFileDto[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RepairCostLine {
  id: number;
  code: string;
  name: string;
  repairs: number;
  partsCost: number;
  labourCost: number;
  vendorCost: number;
  totalCost: number;
  /** Of totalCost, what was capitalised rather than expensed. */
  capitalised: number;
  downtimeHours: number;
}

export interface RepairCostsDto {
  from: string;
  to: string;
  byAsset: RepairCostLine[];
  byCategory: RepairCostLine[];
  total: Omit<RepairCostLine, 'id' | 'code' | 'name'>;
}

const assignment = {
  assigneeType: z.enum(['internal', 'vendor']).nullable().optional(),
  assigneeUserId: id.nullable().optional(),
  vendorId: id.nullable().optional(),
};

export const RepairUpdateInput = z.object({
  id,
  version: z.number().int().positive(),
  status: z.enum(['accepted', 'in_repair', 'waiting_parts', 'done', 'cancelled']).optional(),
  fault: requiredText(1000).optional(),
  urgency: z.enum(REPAIR_URGENCIES).optional(),
  ...assignment,
  partsCost: fen.optional(),
  labourCost: fen.optional(),
  vendorCost: fen.optional(),
  note: trimmed(1000).optional(),
  photos: z.array(upload).max(10).optional(),
  invoices: z.array(upload).max(10).optional(),
});

export const repairsContract = {
  'repairs.create': method<RepairDto>()({
    input: z.object({
      assetId: id,
      fault: requiredText(1000),
      urgency: z.enum(REPAIR_URGENCIES).default('normal'),
      photos: z.array(upload).max(10).default([]),
    }),
    access: 'repairs.report',
    mode: 'write',
    summary:
      'Reports a fault (报修): a work order numbered WX-YYYYMM-NNNN in status reported; the asset moves to in_repair (维修中) through the status door and remembers where it was. An employee reports only assets in their custody. Photos become photo attachments of the asset. INVALID_TRANSITION when the asset cannot go to repair (disposed, pending disposal, missing, already in repair); ASSET_LOCKED under an open count.',
    returns: 'RepairDto',
  }),
  'repairs.update': method<RepairDto>()({
    input: RepairUpdateInput,
    access: 'repairs.manage',
    mode: 'write',
    summary:
      'Moves the order (reported → accepted → in_repair ⇄ waiting_parts → done; cancelled before done), assigns it to internal staff (assigneeUserId) or an outside vendor (vendorId, a supplier), and records parts/labour/vendor cost in fen with invoice files. Done (or cancelled) returns the asset to its previous status. Downtime runs from accepted to done.',
    returns: 'RepairDto',
  }),
  'repairs.close': method<RepairDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      note: trimmed(1000).optional(),
      /** A major repair: add `amount` (fen) to the asset's cost by change voucher, optionally extending its life. */
      capitalise: z
        .object({
          amount: fen.refine((n) => n > 0, 'validation.positive'),
          extendLifeMonths: z.number().int().min(1).max(600).optional(),
        })
        .optional(),
    }),
    access: 'repairs.manage',
    mode: 'write',
    summary:
      'Closes a done order. With capitalise {amount, extendLifeMonths?} the repair is capitalised instead of expensed: a pending cost change voucher (cost + amount) and, with extendLifeMonths, a pending life voucher are raised through the changes module; once approved they take effect from the month after approval.',
    returns: 'RepairDto',
  }),
  'repairs.get': method<RepairDto>()({
    input: z.object({ id }),
    access: ['repairs.report', 'repairs.manage'],
    mode: 'read',
    summary:
      'One work order with its files. Reporters without repairs.manage see only the orders they reported.',
    returns: 'RepairDto',
  }),
  'repairs.list': method<Page<RepairDto>>()({
    input: z.object({
      assetId: id.optional(),
      status: z.enum(REPAIR_STATUSES).optional(),
      /** true: every status but closed and cancelled. */
      open: z.boolean().optional(),
      from: dateStr.optional(),
      to: dateStr.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: ['repairs.report', 'repairs.manage'],
    mode: 'read',
    summary:
      'Work orders, newest first, by asset, status, open, and reported date range. Reporters without repairs.manage see only their own.',
    returns: 'Page<RepairDto>',
  }),
  'repairs.costs': method<RepairCostsDto>()({
    input: z.object({ from: dateStr, to: dateStr }),
    access: ['repairs.manage', 'reports.read'],
    mode: 'read',
    summary:
      'Repair costs (fen) per asset and per category of the orders done between from and to (inclusive, by done date; cancelled orders excluded), with downtime hours and what was capitalised.',
    returns:
      'RepairCostsDto { from, to, byAsset: RepairCostLine[], byCategory: RepairCostLine[], total } where RepairCostLine { id, code, name, repairs, partsCost, labourCost, vendorCost, totalCost, capitalised, downtimeHours }',
  }),
};
