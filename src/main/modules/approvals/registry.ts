// Document kinds known to the approval engine. A module registers its kind once (at import of its
// handlers) and then calls startApproval / cancelApproval / approvalStatus from engine.ts; the
// engine calls back on the final decision inside the same transaction.
import type { Ctx } from '../../api/context';
import type { Permission } from '../../api/permissions';
import { validation } from '../../api/errors';
import type { ApprovalStepSpec } from './contract';

/** What the engine needs to know about a document, read inside the current transaction. */
export interface ApprovalFacts {
  number: string;
  title: string;
  /** Fen; matched against minAmount/maxAmount. */
  amount: number;
  /** Who asked; never an approver of the document. */
  requesterId: number;
  /** The requester's department for "department head" steps and department conditions. */
  departmentId: number | null;
  /** Categories on the document (lines), matched against categoryIds conditions. */
  categoryIds: number[];
}

export interface ApprovalKind {
  /** Stable key, e.g. 'requisition', 'disposal'; also the audit entity of the document. */
  kind: string;
  /** Throws NOT_FOUND when the document does not exist. */
  facts(ctx: Ctx, documentId: number): ApprovalFacts;
  /** The last step approved (or every step was skipped). */
  onApproved(ctx: Ctx, documentId: number): void;
  onRejected(ctx: Ctx, documentId: number, reason: string): void;
  /** Sent back to the requester for changes; the module makes it editable and resubmittable. */
  onReturned(ctx: Ctx, documentId: number, reason: string): void;
  /** Steps used when no template of the kind matches; without them submitting is refused. */
  defaultSteps?: ApprovalStepSpec[];
  /** Besides the requester and the approvers involved, who may read the trail. */
  readPermissions: Permission[];
}

const kinds = new Map<string, ApprovalKind>();

export function registerApprovalKind(def: ApprovalKind): void {
  const existing = kinds.get(def.kind);
  if (existing && existing !== def) throw new Error(`approval kind '${def.kind}' is registered twice`);
  kinds.set(def.kind, def);
}

export function approvalKind(kind: string): ApprovalKind {
  const def = kinds.get(kind);
  if (!def) throw validation('kind', 'validation.approvalKind', { kind });
  return def;
}

export function approvalKindKeys(): string[] {
  return [...kinds.keys()].sort();
}
