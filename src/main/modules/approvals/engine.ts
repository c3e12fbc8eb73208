// The approval state machine: starting a round for a document, acting on its pending step,
// withdrawing it, and where it stands. Every change writes its trail row, its audit row and an
// 'approvals.changed' event inside the caller's transaction.
import type { Ctx } from '../../api/context';
import { AppError, conflict } from '../../api/errors';
import type { ApprovalAction, ApprovalStatusDto } from './contract';
import { approvalKind, type ApprovalFacts } from './registry';
import { chooseTemplate, canApprove, resolveSteps } from './resolve';
import { eligibility, priorApprovers, type InstanceRow, type StepRow } from './eligibility';
import { stepDto } from './trail';

function actorName(ctx: Ctx): string {
  const s = ctx.user();
  return s.displayName || s.username;
}

function trailRow(
  ctx: Ctx,
  inst: { id: number; kind: string; document_id: number },
  row: {
    stepSeq: number | null;
    action: string;
    actorId: number | null;
    actorName: string;
    onBehalfOf?: number | null;
    delegateTo?: number | null;
    comment?: string;
  },
): void {
  ctx.sqlite
    .prepare(
      `INSERT INTO approval_actions (instance_id, kind, document_id, step_seq, action, actor_id, actor_name,
         on_behalf_of, delegate_to, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      inst.id,
      inst.kind,
      inst.document_id,
      row.stepSeq,
      row.action,
      row.actorId,
      row.actorName,
      row.onBehalfOf ?? null,
      row.delegateTo ?? null,
      row.comment ?? '',
      ctx.nowIso,
    );
}

export function openInstance(ctx: Ctx, kind: string, documentId: number): InstanceRow | undefined {
  return ctx.sqlite
    .prepare(`SELECT * FROM approval_instances WHERE kind = ? AND document_id = ? AND status = 'pending'`)
    .get(kind, documentId) as InstanceRow | undefined;
}

function latestInstance(ctx: Ctx, kind: string, documentId: number): InstanceRow | undefined {
  return ctx.sqlite
    .prepare(
      'SELECT * FROM approval_instances WHERE kind = ? AND document_id = ? ORDER BY round DESC LIMIT 1',
    )
    .get(kind, documentId) as InstanceRow | undefined;
}

function pendingStep(ctx: Ctx, instanceId: number): StepRow | undefined {
  return ctx.sqlite
    .prepare(`SELECT * FROM approval_steps WHERE instance_id = ? AND status = 'pending'`)
    .get(instanceId) as StepRow | undefined;
}

function finish(ctx: Ctx, inst: InstanceRow, status: InstanceRow['status']): void {
  ctx.sqlite
    .prepare(
      `UPDATE approval_instances SET status = ?, finished_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(status, ctx.nowIso, ctx.nowIso, inst.id);
  ctx.sqlite
    .prepare(`UPDATE approval_steps SET status = 'cancelled' WHERE instance_id = ? AND status = 'waiting'`)
    .run(inst.id);
}

/**
 * Moves to the next waiting step; with none left the round is approved and the kind told so.
 * Returns true when the document is now approved.
 */
function advance(ctx: Ctx, inst: InstanceRow): boolean {
  const next = ctx.sqlite
    .prepare(
      `SELECT id FROM approval_steps WHERE instance_id = ? AND status = 'waiting' ORDER BY seq LIMIT 1`,
    )
    .pluck()
    .get(inst.id) as number | undefined;
  if (next !== undefined) {
    ctx.sqlite
      .prepare(`UPDATE approval_steps SET status = 'pending', pending_since = ? WHERE id = ?`)
      .run(ctx.nowIso, next);
    return false;
  }
  finish(ctx, inst, 'approved');
  approvalKind(inst.kind).onApproved(ctx, inst.document_id);
  return true;
}

function announce(ctx: Ctx, kind: string, documentId: number, status: string): void {
  ctx.emit('approvals.changed', { kind, documentId, status });
}

/**
 * Starts a new round for a document (first submit or resubmit after a return). The document module
 * checks its own rules (owner, status) first; the engine refuses a second open round.
 */
export function startApproval(
  ctx: Ctx,
  kind: string,
  documentId: number,
  comment = '',
): { instanceId: number; status: InstanceRow['status'] } {
  const def = approvalKind(kind);
  if (openInstance(ctx, kind, documentId)) {
    throw new AppError('INVALID_TRANSITION', 'errors.approvalAlreadyPending', { kind, documentId });
  }
  const facts: ApprovalFacts = def.facts(ctx, documentId);
  const template =
    chooseTemplate(ctx.sqlite, kind, facts) ??
    (def.defaultSteps?.length ? { id: null, name: '', steps: def.defaultSteps } : null);
  if (!template) throw new AppError('VALIDATION', 'errors.approvalNoTemplate', { kind });
  const steps = resolveSteps(ctx.sqlite, template.steps, facts);

  const round =
    ((ctx.sqlite
      .prepare('SELECT max(round) FROM approval_instances WHERE kind = ? AND document_id = ?')
      .pluck()
      .get(kind, documentId) as number | null) ?? 0) + 1;
  const instanceId = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO approval_instances (kind, document_id, round, template_id, template_name, status, doc_number,
           doc_title, amount, requester_id, department_id, started_at, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        kind,
        documentId,
        round,
        template.id,
        template.name,
        facts.number,
        facts.title,
        facts.amount,
        facts.requesterId,
        facts.departmentId,
        ctx.nowIso,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  const inst = ctx.sqlite
    .prepare('SELECT * FROM approval_instances WHERE id = ?')
    .get(instanceId) as InstanceRow;
  trailRow(ctx, inst, {
    stepSeq: null,
    action: 'submit',
    actorId: ctx.user().userId,
    actorName: actorName(ctx),
    comment,
  });
  const insert = ctx.sqlite.prepare(
    `INSERT INTO approval_steps (instance_id, seq, name, approver_type, role_key, assignee_id, status)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  steps.forEach((s, i) => {
    insert.run(
      instanceId,
      i + 1,
      s.name,
      s.approverType,
      s.roleKey,
      s.assigneeId,
      s.skip ? 'skipped' : 'waiting',
    );
    if (s.skip)
      trailRow(ctx, inst, { stepSeq: i + 1, action: 'skip', actorId: null, actorName: '', comment: s.skip });
  });
  const approved = advance(ctx, inst);
  ctx.audit({
    action: 'approvals.submit',
    entity: kind,
    entityId: documentId,
    details: { instanceId, round, template: template.name || null, steps: steps.map((s) => s.name), comment },
  });
  const status = approved ? 'approved' : 'pending';
  announce(ctx, kind, documentId, status);
  return { instanceId, status };
}

export interface ActInput {
  kind: string;
  documentId: number;
  action: ApprovalAction;
  comment?: string;
  delegateTo?: number;
  version?: number;
}

export function act(ctx: Ctx, input: ActInput): void {
  const def = approvalKind(input.kind);
  const me = ctx.user();
  const inst = openInstance(ctx, input.kind, input.documentId);
  if (!inst) {
    def.facts(ctx, input.documentId); // NOT_FOUND for a document that does not exist
    throw new AppError('INVALID_TRANSITION', 'errors.approvalNotPending', {
      kind: input.kind,
      documentId: input.documentId,
    });
  }
  if (input.version !== undefined && input.version !== inst.version) {
    throw conflict('approval', inst.id, { currentVersion: inst.version });
  }
  const step = pendingStep(ctx, inst.id)!;
  const who = eligibility(ctx.sqlite, inst, step, me.userId, ctx.today);
  if (!who.ok)
    throw new AppError('FORBIDDEN', who.reason, {
      kind: inst.kind,
      documentId: inst.document_id,
      step: step.name,
    });
  const comment = (input.comment ?? '').trim();
  const base = {
    stepSeq: step.seq,
    actorId: me.userId,
    actorName: actorName(ctx),
    onBehalfOf: who.onBehalfOf,
    comment,
  };

  if (input.action === 'delegate') {
    const to = input.delegateTo!;
    const bad = (reason: string) =>
      new AppError('VALIDATION', 'errors.validation', {}, [{ path: 'delegateTo', message: reason }]);
    if (to === me.userId) throw bad('validation.approvalDelegateSelf');
    if (to === inst.requester_id) throw bad('validation.approvalDelegateRequester');
    if (!canApprove(ctx.sqlite, to)) throw bad('validation.approvalDelegateNotApprover');
    if (priorApprovers(ctx.sqlite, inst.id).has(to)) throw bad('validation.approvalDelegateSeparation');
    ctx.sqlite.prepare('UPDATE approval_steps SET assignee_id = ? WHERE id = ?').run(to, step.id);
    trailRow(ctx, inst, { ...base, action: 'delegate', delegateTo: to });
  } else {
    const stepStatus = { approve: 'approved', reject: 'rejected', return: 'returned' }[input.action];
    ctx.sqlite
      .prepare(
        'UPDATE approval_steps SET status = ?, acted_by = ?, on_behalf_of = ?, acted_at = ? WHERE id = ?',
      )
      .run(stepStatus, me.userId, who.onBehalfOf, ctx.nowIso, step.id);
    trailRow(ctx, inst, { ...base, action: input.action });
  }
  ctx.sqlite
    .prepare('UPDATE approval_instances SET version = version + 1, updated_at = ? WHERE id = ?')
    .run(ctx.nowIso, inst.id);

  let status: string = 'pending';
  if (input.action === 'approve') status = advance(ctx, inst) ? 'approved' : 'pending';
  else if (input.action === 'reject') {
    finish(ctx, inst, 'rejected');
    def.onRejected(ctx, inst.document_id, comment);
    status = 'rejected';
  } else if (input.action === 'return') {
    finish(ctx, inst, 'returned');
    def.onReturned(ctx, inst.document_id, comment);
    status = 'returned';
  }
  ctx.audit({
    action: `approvals.${input.action}`,
    entity: inst.kind,
    entityId: inst.document_id,
    details: {
      instanceId: inst.id,
      round: inst.round,
      step: step.seq,
      stepName: step.name,
      comment,
      onBehalfOf: who.onBehalfOf,
      delegateTo: input.delegateTo ?? null,
      status,
    },
  });
  announce(ctx, inst.kind, inst.document_id, status);
}

/** The requester withdraws a pending document; the trail keeps the round, marked cancelled. */
export function cancelApproval(ctx: Ctx, kind: string, documentId: number, reason: string): boolean {
  const inst = openInstance(ctx, kind, documentId);
  if (!inst) return false;
  ctx.sqlite
    .prepare(`UPDATE approval_steps SET status = 'cancelled' WHERE instance_id = ? AND status = 'pending'`)
    .run(inst.id);
  finish(ctx, inst, 'cancelled');
  trailRow(ctx, inst, {
    stepSeq: null,
    action: 'cancel',
    actorId: ctx.user().userId,
    actorName: actorName(ctx),
    comment: reason,
  });
  ctx.audit({
    action: 'approvals.cancel',
    entity: kind,
    entityId: documentId,
    details: { instanceId: inst.id, reason },
  });
  announce(ctx, kind, documentId, 'cancelled');
  return true;
}

/** Where the document stands: its latest round and the step it waits at, or null if never submitted. */
export function approvalStatus(ctx: Ctx, kind: string, documentId: number): ApprovalStatusDto | null {
  const inst = latestInstance(ctx, kind, documentId);
  if (!inst) return null;
  const step = inst.status === 'pending' ? pendingStep(ctx, inst.id) : undefined;
  return {
    instanceId: inst.id,
    round: inst.round,
    status: inst.status,
    templateName: inst.template_name,
    waitingAt: step ? stepDto(ctx.sqlite, step) : null,
    version: inst.version,
  };
}
