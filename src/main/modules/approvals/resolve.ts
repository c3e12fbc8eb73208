// Turning a template into the steps of one submission: which template applies, which of its steps
// apply, and who may act on each (a role, or one user fixed now). Steps whose only approver would
// be the requester, or someone already approving an earlier step, are skipped and say why.
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';
import { rolesOf } from '../users/accounts';
import type { ApprovalCondition, ApprovalStepSpec, ApproverSpec } from './contract';
import type { ApprovalFacts } from './registry';

export interface ResolvedStep {
  name: string;
  approverType: ApproverSpec['type'];
  roleKey: string | null;
  assigneeId: number | null;
  /** i18n key of the reason when the step is skipped. */
  skip: string | null;
}

interface TemplateRow {
  id: number;
  name: string;
  conditions: string;
  steps: string;
}

/** The node and all its ancestors (ids), for subtree matching. */
function lineage(sqlite: Sqlite, table: 'categories' | 'departments', nodeId: number): number[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM ${table} WHERE id = ?
         UNION SELECT t.id, t.parent_id FROM ${table} t JOIN up ON t.id = up.parent_id)
       SELECT id FROM up`,
    )
    .pluck()
    .all(nodeId) as number[];
}

export function conditionHolds(sqlite: Sqlite, c: ApprovalCondition | undefined, f: ApprovalFacts): boolean {
  if (!c) return true;
  if (c.minAmount !== undefined && f.amount < c.minAmount) return false;
  if (c.maxAmount !== undefined && f.amount >= c.maxAmount) return false;
  if (c.categoryIds?.length) {
    const wanted = new Set(c.categoryIds);
    const hit = f.categoryIds.some((cat) => lineage(sqlite, 'categories', cat).some((x) => wanted.has(x)));
    if (!hit) return false;
  }
  if (c.departmentIds?.length) {
    if (f.departmentId === null) return false;
    const wanted = new Set(c.departmentIds);
    if (!lineage(sqlite, 'departments', f.departmentId).some((x) => wanted.has(x))) return false;
  }
  return true;
}

/** The first active template of the kind (by priority, then id) whose conditions hold. */
export function chooseTemplate(
  sqlite: Sqlite,
  kind: string,
  facts: ApprovalFacts,
): { id: number | null; name: string; steps: ApprovalStepSpec[] } | null {
  const rows = sqlite
    .prepare(
      'SELECT id, name, conditions, steps FROM approval_templates WHERE kind = ? AND active = 1 ORDER BY priority, id',
    )
    .all(kind) as TemplateRow[];
  for (const r of rows) {
    if (conditionHolds(sqlite, JSON.parse(r.conditions) as ApprovalCondition, facts)) {
      return { id: r.id, name: r.name, steps: JSON.parse(r.steps) as ApprovalStepSpec[] };
    }
  }
  return null;
}

/** Active and allowed to act on approvals (through any of their roles). */
export function canApprove(sqlite: Sqlite, userId: number): boolean {
  const active = sqlite.prepare('SELECT active FROM users WHERE id = ?').pluck().get(userId) as
    number | undefined;
  return active === 1 && rolesOf(sqlite, userId).permissions.includes('approvals.act');
}

function noApprover(step: string, userId?: number): AppError {
  return new AppError('VALIDATION', 'errors.approvalNoApprover', userId ? { step, userId } : { step });
}

function departmentHead(
  sqlite: Sqlite,
  facts: ApprovalFacts,
  step: string,
): { userId: number | null; skip: string | null } {
  if (facts.departmentId === null) throw noApprover(step);
  // Walk up while the head is missing or is the requester (a head's own request goes to the head above).
  let requesterWasHead = false;
  let current: number | null = facts.departmentId;
  while (current !== null) {
    const d = sqlite.prepare('SELECT parent_id, head_user_id FROM departments WHERE id = ?').get(current) as
      { parent_id: number | null; head_user_id: number | null } | undefined;
    if (!d) break;
    if (d.head_user_id !== null && d.head_user_id === facts.requesterId) requesterWasHead = true;
    else if (d.head_user_id !== null) {
      if (!canApprove(sqlite, d.head_user_id)) throw noApprover(step, d.head_user_id);
      return { userId: d.head_user_id, skip: null };
    }
    current = d.parent_id;
  }
  if (requesterWasHead) return { userId: null, skip: 'approvals.skip.requester' };
  throw noApprover(step);
}

function roleHasApprovers(sqlite: Sqlite, role: string, requesterId: number): boolean {
  const ids = sqlite
    .prepare(
      `SELECT u.id FROM user_roles ur JOIN users u ON u.id = ur.user_id
       WHERE ur.role_key = ? AND u.active = 1 AND u.id <> ?`,
    )
    .pluck()
    .all(role, requesterId) as number[];
  return ids.some((uid) => canApprove(sqlite, uid));
}

export function resolveSteps(
  sqlite: Sqlite,
  specs: ApprovalStepSpec[],
  facts: ApprovalFacts,
): ResolvedStep[] {
  const out: ResolvedStep[] = [];
  const assigned = new Set<number>();
  for (const s of specs) {
    if (!conditionHolds(sqlite, s.condition, facts)) continue;
    const a = s.approver;
    const step: ResolvedStep = {
      name: s.name,
      approverType: a.type,
      roleKey: null,
      assigneeId: null,
      skip: null,
    };
    if (a.type === 'role') {
      step.roleKey = a.role;
      if (!roleHasApprovers(sqlite, a.role, facts.requesterId)) throw noApprover(s.name);
    } else if (a.type === 'user') {
      if (a.userId === facts.requesterId) step.skip = 'approvals.skip.requester';
      else if (!canApprove(sqlite, a.userId)) throw noApprover(s.name, a.userId);
      else step.assigneeId = a.userId;
    } else {
      const head = departmentHead(sqlite, facts, s.name);
      step.assigneeId = head.userId;
      step.skip = head.skip;
    }
    if (step.assigneeId !== null && assigned.has(step.assigneeId)) {
      step.skip = 'approvals.skip.sameApprover';
      step.assigneeId = null;
    }
    if (step.assigneeId !== null) assigned.add(step.assigneeId);
    out.push(step);
  }
  return out;
}
