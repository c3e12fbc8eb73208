// Reading the approval record: a document's rounds, steps and immutable actions, who may read it,
// and an approver's inbox.
import type { Ctx } from '../../api/context';
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';
import type {
  ApprovalActionDto,
  ApprovalRoundDto,
  ApprovalStepDto,
  ApprovalTrailDto,
  InboxDto,
  InboxItem,
  StepStatus,
  TrailAction,
} from './contract';
import { approvalKind } from './registry';
import { delegatorsOf, eligibility, type InstanceRow, type StepRow } from './eligibility';
import { rolesOf } from '../users/accounts';

function nameOf(sqlite: Sqlite, userId: number | null): string | null {
  if (userId === null) return null;
  return (
    (sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(userId) as string) ?? null
  );
}

export function stepDto(sqlite: Sqlite, s: StepRow): ApprovalStepDto {
  return {
    seq: s.seq,
    name: s.name,
    approverType: s.approver_type,
    roleKey: s.role_key,
    assigneeId: s.assignee_id,
    assigneeName: nameOf(sqlite, s.assignee_id),
    status: s.status as StepStatus,
    pendingSince: s.pending_since,
    actedBy: s.acted_by,
    actedByName: nameOf(sqlite, s.acted_by),
    onBehalfOf: s.on_behalf_of,
    onBehalfOfName: nameOf(sqlite, s.on_behalf_of),
    actedAt: s.acted_at,
  };
}

interface ActionRow {
  id: number;
  round: number;
  step_seq: number | null;
  action: TrailAction;
  actor_id: number | null;
  actor_name: string;
  on_behalf_of: number | null;
  delegate_to: number | null;
  comment: string;
  at: string;
}

/** Requester, anyone named in the trail or able to act now, or a holder of the kind's read permissions. */
function assertCanRead(ctx: Ctx, kind: string, instances: InstanceRow[], actions: ActionRow[]): void {
  const me = ctx.user();
  const def = approvalKind(kind);
  if (def.readPermissions.some((p) => me.permissions.has(p))) return;
  if (instances.some((i) => i.requester_id === me.userId)) return;
  if (actions.some((a) => [a.actor_id, a.on_behalf_of, a.delegate_to].includes(me.userId))) return;
  const open = instances.find((i) => i.status === 'pending');
  if (open) {
    const step = ctx.sqlite
      .prepare(`SELECT * FROM approval_steps WHERE instance_id = ? AND status = 'pending'`)
      .get(open.id) as StepRow | undefined;
    if (step && eligibility(ctx.sqlite, open, step, me.userId, ctx.today).ok) return;
  }
  throw new AppError('FORBIDDEN', 'errors.approvalCannotRead', { kind });
}

export function readTrail(ctx: Ctx, kind: string, documentId: number, checkAccess = true): ApprovalTrailDto {
  const instances = ctx.sqlite
    .prepare('SELECT * FROM approval_instances WHERE kind = ? AND document_id = ? ORDER BY round')
    .all(kind, documentId) as InstanceRow[];
  const actions = ctx.sqlite
    .prepare(
      `SELECT a.*, i.round FROM approval_actions a JOIN approval_instances i ON i.id = a.instance_id
       WHERE a.kind = ? AND a.document_id = ? ORDER BY a.id`,
    )
    .all(kind, documentId) as ActionRow[];
  if (checkAccess) {
    if (!instances.length) approvalKind(kind).facts(ctx, documentId); // NOT_FOUND for no such document
    assertCanRead(ctx, kind, instances, actions);
  }
  const stepsOf = ctx.sqlite.prepare('SELECT * FROM approval_steps WHERE instance_id = ? ORDER BY seq');
  const rounds: ApprovalRoundDto[] = instances.map((i) => ({
    instanceId: i.id,
    round: i.round,
    templateName: i.template_name,
    status: i.status,
    startedAt: i.started_at,
    finishedAt: i.finished_at,
    version: i.version,
    steps: (stepsOf.all(i.id) as StepRow[]).map((s) => stepDto(ctx.sqlite, s)),
  }));
  const last = rounds[rounds.length - 1];
  return {
    kind,
    documentId,
    current: last
      ? {
          instanceId: last.instanceId,
          round: last.round,
          status: last.status,
          templateName: last.templateName,
          waitingAt: last.steps.find((s) => s.status === 'pending') ?? null,
          version: last.version,
        }
      : null,
    rounds,
    actions: actions.map((a): ApprovalActionDto => ({
      id: a.id,
      round: a.round,
      stepSeq: a.step_seq,
      action: a.action,
      actorId: a.actor_id,
      actorName: a.actor_name,
      onBehalfOf: a.on_behalf_of,
      onBehalfOfName: nameOf(ctx.sqlite, a.on_behalf_of),
      delegateTo: a.delegate_to,
      delegateToName: nameOf(ctx.sqlite, a.delegate_to),
      comment: a.comment,
      at: a.at,
    })),
  };
}

interface PendingRow extends StepRow {
  i_kind: string;
}

export function inbox(ctx: Ctx, kind?: string): InboxDto {
  const me = ctx.user();
  const delegators = delegatorsOf(ctx.sqlite, me.userId, ctx.today);
  const people = [me.userId, ...delegators];
  const roles = new Set<string>();
  for (const p of people) for (const r of rolesOf(ctx.sqlite, p).roles) roles.add(r);
  const ph = (n: number) => Array.from({ length: n }, () => '?').join(',') || 'NULL';
  // Pre-filter in SQL on who could hold the step; eligibility() then applies the exact rules.
  const candidates = ctx.sqlite
    .prepare(
      `SELECT s.*, i.kind AS i_kind FROM approval_steps s JOIN approval_instances i ON i.id = s.instance_id
       WHERE s.status = 'pending' AND i.status = 'pending' AND i.requester_id <> ?
         AND (s.assignee_id IN (${ph(people.length)})
              OR (s.assignee_id IS NULL AND s.role_key IN (${ph(roles.size)})))
       ORDER BY s.pending_since, s.id`,
    )
    .all(me.userId, ...people, ...roles) as PendingRow[];
  const instance = ctx.sqlite.prepare('SELECT * FROM approval_instances WHERE id = ?');
  const rows: InboxItem[] = [];
  const counts: Record<string, number> = {};
  for (const s of candidates) {
    const inst = instance.get(s.instance_id) as InstanceRow;
    const who = eligibility(ctx.sqlite, inst, s, me.userId, ctx.today);
    if (!who.ok) continue;
    counts[inst.kind] = (counts[inst.kind] ?? 0) + 1;
    if (kind && inst.kind !== kind) continue;
    rows.push({
      kind: inst.kind,
      documentId: inst.document_id,
      instanceId: inst.id,
      instanceVersion: inst.version,
      round: inst.round,
      number: inst.doc_number,
      title: inst.doc_title,
      amount: inst.amount,
      requesterId: inst.requester_id,
      requesterName: nameOf(ctx.sqlite, inst.requester_id) ?? '',
      departmentId: inst.department_id,
      departmentName:
        inst.department_id === null
          ? null
          : ((ctx.sqlite
              .prepare('SELECT name FROM departments WHERE id = ?')
              .pluck()
              .get(inst.department_id) as string | undefined) ?? null),
      stepSeq: s.seq,
      stepName: s.name,
      submittedAt: inst.started_at,
      pendingSince: s.pending_since ?? inst.started_at,
      onBehalfOf: who.onBehalfOf,
      onBehalfOfName: nameOf(ctx.sqlite, who.onBehalfOf),
    });
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, counts, total };
}
