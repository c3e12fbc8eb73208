// Purchase requisitions API (申购): drafts with lines, submit into approval, saved line sets
// (templates for common requests) and yearly department budgets per category.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, paging, requiredText, trimmed, type Page } from '../../api/schemas';
import type { ApprovalStatusDto } from '../approvals/contract';

export const REQUISITION_STATUSES = [
  'draft',
  'pending',
  'returned',
  'approved',
  'rejected',
  'cancelled',
  'ordered',
  'bought_outside',
] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];
export const BUDGET_MODES = ['off', 'warn', 'block'] as const;
export type BudgetMode = (typeof BUDGET_MODES)[number];

export const requisitionLineInput = z.object({
  categoryId: id,
  spec: requiredText(200),
  quantity: z.number().int().min(1).max(100000),
  /** Estimated unit price, fen. */
  unitPrice: fen,
  reason: trimmed(500).default(''),
  neededBy: dateStr.nullable().default(null),
});
export type RequisitionLineInput = z.infer<typeof requisitionLineInput>;

export interface RequisitionLineDto extends RequisitionLineInput {
  id: number;
  lineNo: number;
  categoryName: string;
  amount: number;
  orderedQuantity: number;
  outsideQuantity: number;
  /** quantity − ordered − bought outside: what a purchase order may still take. */
  remainingQuantity: number;
}

/** One budget a requisition touches: the category's (subtree's) yearly budget for the department. */
export interface BudgetLine {
  budgetId: number;
  categoryId: number;
  categoryName: string;
  budget: number;
  /** Other submitted, approved or ordered requisitions of the department and year. */
  used: number;
  /** This requisition's lines in the category. */
  requested: number;
  /** budget − used − requested (negative when over). */
  remaining: number;
  over: boolean;
}

export interface BudgetCheckDto {
  mode: BudgetMode;
  year: number;
  departmentId: number;
  lines: BudgetLine[];
  exceeded: boolean;
}

export interface RequisitionListRow {
  id: number;
  number: string;
  title: string;
  requesterId: number;
  requesterName: string;
  departmentId: number;
  departmentName: string;
  status: RequisitionStatus;
  totalAmount: number;
  lineCount: number;
  submittedAt: string | null;
  /** Name of the step a pending requisition waits at. */
  waitingAt: string | null;
  version: number;
  updatedAt: string;
}

export interface RequisitionDto extends Omit<RequisitionListRow, 'waitingAt' | 'lineCount'> {
  reason: string;
  budgetYear: number | null;
  /** Budgets over at submit (warning mode), for the approvers. */
  budgetWarnings: BudgetLine[];
  decidedAt: string | null;
  outsideNote: string;
  createdAt: string;
  lines: RequisitionLineDto[];
  approval: ApprovalStatusDto | null;
  purchaseOrders: { id: number; number: string; status: string; totalAmount: number }[];
}

export interface RequisitionTemplateDto {
  id: number;
  name: string;
  /** False: the owner's own; true: shared with everyone. */
  shared: boolean;
  ownerId: number | null;
  lines: RequisitionLineInput[];
  version: number;
}

export interface BudgetDto {
  id: number;
  year: number;
  departmentId: number;
  departmentName: string;
  categoryId: number;
  categoryName: string;
  amount: number;
  used: number;
  version: number;
}

const version = z.number().int().positive();
const lines = z.array(requisitionLineInput).min(1, 'validation.requisitionNoLines').max(200);
const readers = ['requisitions.create', 'requisitions.read', 'approvals.act'] as const;

export const requisitionsContract = {
  'requisitions.create': method<RequisitionDto>()({
    input: z
      .object({
        title: trimmed(100).default(''),
        reason: trimmed(1000).default(''),
        /** Defaults to the caller's department. */
        departmentId: id.optional(),
        lines: lines.optional(),
        /** Start from a saved line set (used when lines are not given). */
        templateId: id.optional(),
      })
      .refine((r) => r.lines !== undefined || r.templateId !== undefined, {
        message: 'validation.requisitionNoLines',
        path: ['lines'],
      }),
    access: 'requisitions.create',
    mode: 'write',
    summary: 'Create a draft requisition (number RQ-YYYYMM-nnnn) for the caller, with lines.',
    returns: 'RequisitionDto',
  }),
  'requisitions.update': method<RequisitionDto>()({
    input: z.object({
      id,
      version,
      title: trimmed(100).optional(),
      reason: trimmed(1000).optional(),
      departmentId: id.optional(),
      /** Replaces every line. */
      lines: lines.optional(),
    }),
    access: 'requisitions.create',
    mode: 'write',
    summary: 'Edit one’s own requisition while it is a draft or returned for changes.',
    returns: 'RequisitionDto',
  }),
  'requisitions.submit': method<RequisitionDto>()({
    input: z.object({ id, version, comment: trimmed(1000).default('') }),
    access: 'requisitions.create',
    mode: 'write',
    summary:
      'Submit a draft or returned requisition: budget check (warning, or VALIDATION errors.budgetExceeded when blocking), then approval by the first matching template.',
    returns: 'RequisitionDto',
  }),
  'requisitions.cancel': method<RequisitionDto>()({
    input: z.object({ id, version, reason: trimmed(500).default('') }),
    access: 'requisitions.create',
    mode: 'write',
    summary: 'Withdraw one’s own requisition (draft, returned or pending); the trail keeps what happened.',
    returns: 'RequisitionDto',
  }),
  'requisitions.get': method<RequisitionDto>()({
    input: z.object({ id }),
    access: [...readers],
    mode: 'read',
    summary:
      'A requisition with lines, status, where it waits and its purchase orders (own, involved approvers, or requisitions.read).',
    returns: 'RequisitionDto',
  }),
  'requisitions.list': method<Page<RequisitionListRow>>()({
    input: z.object({
      status: z.enum(REQUISITION_STATUSES).optional(),
      /** Only the caller's own (always so without requisitions.read). */
      mine: z.boolean().default(false),
      departmentId: id.optional(),
      query: trimmed(100).optional(),
      ...paging,
    }),
    access: [...readers],
    mode: 'read',
    summary: 'Requisitions, newest first: one’s own, or all with requisitions.read.',
    returns: '{ rows: RequisitionListRow[], total }',
  }),
  'requisitions.budgetCheck': method<BudgetCheckDto>()({
    input: z.object({ id }),
    access: [...readers],
    mode: 'read',
    summary: 'The budgets a requisition touches and whether it would exceed them (as submit would check).',
    returns: 'BudgetCheckDto',
  }),
  'requisitions.templates.list': method<RequisitionTemplateDto[]>()({
    input: z.object({}),
    access: 'requisitions.create',
    mode: 'read',
    summary: 'Saved line sets: the caller’s own and the shared ones.',
    returns: 'RequisitionTemplateDto[]',
  }),
  'requisitions.templates.create': method<RequisitionTemplateDto>()({
    input: z.object({ name: requiredText(60), lines, shared: z.boolean().default(false) }),
    access: 'requisitions.create',
    mode: 'write',
    summary: 'Save a line set for common requests (shared ones need requisitions.read).',
    returns: 'RequisitionTemplateDto',
  }),
  'requisitions.templates.update': method<RequisitionTemplateDto>()({
    input: z.object({ id, version, name: requiredText(60).optional(), lines: lines.optional() }),
    access: 'requisitions.create',
    mode: 'write',
    summary: 'Change a saved line set (one’s own; shared ones with requisitions.read).',
    returns: 'RequisitionTemplateDto',
  }),
  'requisitions.templates.delete': method<{ id: number }>()({
    input: z.object({ id, version }),
    access: 'requisitions.create',
    mode: 'write',
    summary: 'Delete a saved line set.',
    returns: '{ id }',
  }),
  'requisitions.budgets.list': method<{ mode: BudgetMode; modeVersion: number; rows: BudgetDto[] }>()({
    input: z.object({ year: z.number().int().min(2000).max(2100), departmentId: id.optional() }),
    access: ['requisitions.read', 'settings.write'],
    mode: 'read',
    summary:
      'Yearly budgets per department and category with what submitted requisitions use, and the check mode.',
    returns: '{ mode: off | warn | block, modeVersion, rows: BudgetDto[] }',
  }),
  'requisitions.budgets.set': method<BudgetDto>()({
    input: z.object({
      year: z.number().int().min(2000).max(2100),
      departmentId: id,
      categoryId: id,
      amount: fen,
      /** The budget's version when changing an existing one. */
      version: version.optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Set a department’s yearly budget (fen) for a category and its sub-categories.',
    returns: 'BudgetDto',
  }),
  'requisitions.budgets.delete': method<{ id: number }>()({
    input: z.object({ id, version }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Remove a budget (its category is then unbudgeted).',
    returns: '{ id }',
  }),
  'requisitions.budgets.setMode': method<{ mode: BudgetMode; modeVersion: number }>()({
    input: z.object({ mode: z.enum(BUDGET_MODES), version: z.number().int().min(0) }),
    access: 'settings.write',
    mode: 'write',
    summary: 'How submit treats an exceeded budget: off, warn (stored on the requisition) or block.',
    returns: '{ mode, modeVersion }',
  }),
};
