// Approval engine API (审批): templates, an approver's inbox, acting on a step, the trail, and
// "while I'm away" delegations. Shared by every document kind that registers with registry.ts.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, requiredText, trimmed } from '../../api/schemas';

export const APPROVAL_ACTIONS = ['approve', 'reject', 'return', 'delegate'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];
/** Trail rows also carry what the engine itself did. */
export type TrailAction = ApprovalAction | 'submit' | 'skip' | 'cancel';
export type InstanceStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled';
export type StepStatus =
  'waiting' | 'pending' | 'approved' | 'rejected' | 'returned' | 'skipped' | 'cancelled';

const kindKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'validation.approvalKind');

export const approverSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('role'),
    role: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'validation.roleKey'),
  }),
  // 'required' rather than a bare number rule: the editor sends 0 while no person is picked yet.
  z.object({ type: z.literal('user'), userId: z.number().int().positive('validation.required') }),
  z.object({ type: z.literal('department_head') }),
]);
export type ApproverSpec = z.infer<typeof approverSpec>;

/** Every given part must hold. Amounts in fen: minAmount ≤ amount < maxAmount. Ids match their subtrees. */
export const approvalCondition = z
  .object({
    minAmount: fen.optional(),
    maxAmount: fen.optional(),
    categoryIds: z.array(id).max(200).optional(),
    departmentIds: z.array(id).max(200).optional(),
  })
  .refine((c) => c.minAmount === undefined || c.maxAmount === undefined || c.minAmount < c.maxAmount, {
    message: 'validation.approvalAmountRange',
    path: ['maxAmount'],
  });
export type ApprovalCondition = z.infer<typeof approvalCondition>;

export const approvalStepSpec = z.object({
  name: requiredText(60),
  approver: approverSpec,
  /** The step applies only when this holds (e.g. minAmount 5_000_000 for the general manager). */
  condition: approvalCondition.optional(),
});
export type ApprovalStepSpec = z.infer<typeof approvalStepSpec>;

export interface ApprovalTemplateDto {
  id: number;
  name: string;
  kind: string;
  conditions: ApprovalCondition;
  steps: ApprovalStepSpec[];
  priority: number;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface ApprovalStepDto {
  seq: number;
  name: string;
  approverType: ApproverSpec['type'];
  roleKey: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  status: StepStatus;
  pendingSince: string | null;
  actedBy: number | null;
  actedByName: string | null;
  onBehalfOf: number | null;
  onBehalfOfName: string | null;
  actedAt: string | null;
}

export interface ApprovalActionDto {
  id: number;
  round: number;
  stepSeq: number | null;
  action: TrailAction;
  actorId: number | null;
  actorName: string;
  onBehalfOf: number | null;
  onBehalfOfName: string | null;
  delegateTo: number | null;
  delegateToName: string | null;
  /** Free text, or for engine rows (skip) an i18n key such as 'approvals.skip.requester'. */
  comment: string;
  at: string;
}

export interface ApprovalRoundDto {
  instanceId: number;
  round: number;
  templateName: string;
  status: InstanceStatus;
  startedAt: string;
  finishedAt: string | null;
  version: number;
  steps: ApprovalStepDto[];
}

/** Where a document stands: embedded in each document's `get`. */
export interface ApprovalStatusDto {
  instanceId: number;
  round: number;
  status: InstanceStatus;
  templateName: string;
  /** The step it waits at (status pending), else null. */
  waitingAt: ApprovalStepDto | null;
  version: number;
}

export interface ApprovalTrailDto {
  kind: string;
  documentId: number;
  current: ApprovalStatusDto | null;
  rounds: ApprovalRoundDto[];
  /** Oldest first, every round. */
  actions: ApprovalActionDto[];
}

export interface InboxItem {
  kind: string;
  documentId: number;
  instanceId: number;
  instanceVersion: number;
  round: number;
  number: string;
  title: string;
  amount: number;
  requesterId: number;
  requesterName: string;
  departmentId: number | null;
  departmentName: string | null;
  stepSeq: number;
  stepName: string;
  submittedAt: string;
  pendingSince: string;
  /** Set when the caller would act for someone away (a delegation). */
  onBehalfOf: number | null;
  onBehalfOfName: string | null;
}

export interface InboxDto {
  rows: InboxItem[];
  /** Waiting documents per kind, for the navigation badge. */
  counts: Record<string, number>;
  total: number;
}

export interface DelegationDto {
  id: number;
  fromUserId: number;
  fromUserName: string;
  toUserId: number;
  toUserName: string;
  startDate: string;
  endDate: string;
  kind: string | null;
  note: string;
  active: boolean;
  version: number;
}

const templateFields = {
  name: requiredText(60),
  kind: kindKey,
  conditions: approvalCondition.default({}),
  steps: z.array(approvalStepSpec).min(1, 'validation.approvalNoSteps').max(20),
  priority: z.number().int().min(0).max(10000).default(100),
  active: z.boolean().default(true),
};

const needsText = (a: { action: ApprovalAction; comment?: string }) =>
  !(a.action === 'reject' || a.action === 'return') || (a.comment ?? '').trim().length > 0;

export const approvalsContract = {
  'approvals.kinds': method<string[]>()({
    input: z.object({}),
    access: 'session',
    mode: 'read',
    summary: 'Document kinds registered with the approval engine (e.g. requisition).',
    returns: 'string[]',
  }),
  'approvals.templates.list': method<ApprovalTemplateDto[]>()({
    input: z.object({ kind: kindKey.optional() }),
    access: 'approvals.templates',
    mode: 'read',
    summary: 'Approval templates by kind and priority (the first active matching template is used).',
    returns: 'ApprovalTemplateDto[]',
  }),
  'approvals.templates.get': method<ApprovalTemplateDto>()({
    input: z.object({ id }),
    access: 'approvals.templates',
    mode: 'read',
    summary: 'One approval template.',
    returns: 'ApprovalTemplateDto',
  }),
  'approvals.templates.create': method<ApprovalTemplateDto>()({
    input: z.object(templateFields),
    access: 'approvals.templates',
    mode: 'write',
    summary:
      'Create a template: ordered steps (approver: a role, a named user or the requester’s department head), each with an optional condition on amount (fen), category and department; the template’s own conditions choose it among those of its kind.',
    returns: 'ApprovalTemplateDto',
  }),
  'approvals.templates.update': method<ApprovalTemplateDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      name: templateFields.name.optional(),
      conditions: approvalCondition.optional(),
      steps: templateFields.steps.optional(),
      priority: z.number().int().min(0).max(10000).optional(),
      active: z.boolean().optional(),
    }),
    access: 'approvals.templates',
    mode: 'write',
    summary: 'Change a template; documents already submitted keep the steps they were given.',
    returns: 'ApprovalTemplateDto',
  }),
  'approvals.templates.delete': method<{ id: number }>()({
    input: z.object({ id, version: z.number().int().positive() }),
    access: 'approvals.templates',
    mode: 'write',
    summary: 'Delete a template (submitted documents keep their steps and trail).',
    returns: '{ id }',
  }),
  'approvals.inbox': method<InboxDto>()({
    input: z.object({ kind: kindKey.optional() }),
    access: 'approvals.act',
    mode: 'read',
    summary:
      'Documents waiting for the caller (directly, through their role, or for someone who delegated to them), oldest first, with counts per kind.',
    returns: '{ rows: InboxItem[], counts: { [kind]: number }, total }',
  }),
  'approvals.act': method<ApprovalTrailDto>()({
    input: z
      .object({
        kind: kindKey,
        documentId: id,
        action: z.enum(APPROVAL_ACTIONS),
        comment: trimmed(1000).optional(),
        delegateTo: id.optional(),
        /** Instance version the caller saw (from the inbox or trail); CONFLICT when stale. */
        version: z.number().int().positive().optional(),
      })
      .refine(needsText, { message: 'validation.approvalReasonRequired', path: ['comment'] })
      .refine((a) => a.action !== 'delegate' || a.delegateTo !== undefined, {
        message: 'validation.required',
        path: ['delegateTo'],
      }),
    access: 'approvals.act',
    mode: 'write',
    summary:
      'Act on the step a document waits at: approve, reject (reason required), return to the requester for changes (reason required), or delegate the step to another approver. Nobody acts on their own document or on two steps of one round (FORBIDDEN).',
    returns: 'ApprovalTrailDto',
  }),
  'approvals.trail': method<ApprovalTrailDto>()({
    input: z.object({ kind: kindKey, documentId: id }),
    access: 'session',
    mode: 'read',
    summary:
      'Every round, step and (immutable) action of a document, and where it waits; for the requester, the approvers involved and readers of the kind.',
    returns: 'ApprovalTrailDto',
  }),
  'approvals.delegations.list': method<DelegationDto[]>()({
    input: z.object({ all: z.boolean().default(false) }),
    access: 'approvals.act',
    mode: 'read',
    summary: 'Delegations from or to the caller (all: every delegation, for approvals.templates holders).',
    returns: 'DelegationDto[]',
  }),
  'approvals.delegations.create': method<DelegationDto>()({
    input: z
      .object({
        toUserId: id,
        startDate: dateStr,
        endDate: dateStr,
        kind: kindKey.nullable().default(null),
        note: trimmed(200).default(''),
        /** For approvals.templates holders: delegate on someone else’s behalf. */
        fromUserId: id.optional(),
      })
      .refine((d) => d.startDate <= d.endDate, { message: 'validation.dateRange', path: ['endDate'] }),
    access: 'approvals.act',
    mode: 'write',
    summary: 'While away: let another approver act for the caller between two dates (inclusive).',
    returns: 'DelegationDto',
  }),
  'approvals.delegations.cancel': method<DelegationDto>()({
    input: z.object({ id, version: z.number().int().positive() }),
    access: 'approvals.act',
    mode: 'write',
    summary: 'End a delegation early.',
    returns: 'DelegationDto',
  }),
};
