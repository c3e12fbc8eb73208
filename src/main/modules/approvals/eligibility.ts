// Who may act on a pending step: its assignee, or (role steps) any holder of the role, or someone an
// absent one delegated to for today; never the requester, never someone who already approved an
// earlier step of the same round (separation of duties).
import type { Sqlite } from '../../db/client';
import { rolesOf } from '../users/accounts';

export interface StepRow {
  id: number;
  instance_id: number;
  seq: number;
  name: string;
  approver_type: 'role' | 'user' | 'department_head';
  role_key: string | null;
  assignee_id: number | null;
  status: string;
  pending_since: string | null;
  acted_by: number | null;
  on_behalf_of: number | null;
  acted_at: string | null;
}

export interface InstanceRow {
  id: number;
  kind: string;
  document_id: number;
  round: number;
  template_id: number | null;
  template_name: string;
  status: 'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled';
  doc_number: string;
  doc_title: string;
  amount: number;
  requester_id: number;
  department_id: number | null;
  started_at: string;
  finished_at: string | null;
  version: number;
}

/** Users who delegated to `userId` for `today` (and the kind), with their roles. */
export function delegatorsOf(sqlite: Sqlite, userId: number, today: string, kind?: string): number[] {
  return sqlite
    .prepare(
      `SELECT DISTINCT d.from_user_id FROM approval_delegations d JOIN users u ON u.id = d.from_user_id
       WHERE d.to_user_id = ? AND d.active = 1 AND d.start_date <= ? AND d.end_date >= ?
         AND (d.kind IS NULL OR ? IS NULL OR d.kind = ?)`,
    )
    .pluck()
    .all(userId, today, today, kind ?? null, kind ?? null) as number[];
}

/** Whether `userId` holds the step themselves (assignee, or role holder when there is no assignee). */
export function holdsStep(sqlite: Sqlite, step: StepRow, userId: number): boolean {
  if (step.assignee_id !== null) return step.assignee_id === userId;
  return step.role_key !== null && rolesOf(sqlite, userId).roles.includes(step.role_key);
}

/** Users (acted_by or on_behalf_of) who already approved a step of the instance. */
export function priorApprovers(sqlite: Sqlite, instanceId: number): Set<number> {
  const rows = sqlite
    .prepare(
      `SELECT acted_by, on_behalf_of FROM approval_steps WHERE instance_id = ? AND status = 'approved'`,
    )
    .all(instanceId) as { acted_by: number | null; on_behalf_of: number | null }[];
  const out = new Set<number>();
  for (const r of rows) {
    if (r.acted_by !== null) out.add(r.acted_by);
    if (r.on_behalf_of !== null) out.add(r.on_behalf_of);
  }
  return out;
}

export type Eligibility =
  | { ok: true; onBehalfOf: number | null }
  | {
      ok: false;
      reason: 'errors.approvalOwnDocument' | 'errors.approvalSeparation' | 'errors.approvalNotYourStep';
    };

export function eligibility(
  sqlite: Sqlite,
  inst: InstanceRow,
  step: StepRow,
  userId: number,
  today: string,
): Eligibility {
  if (userId === inst.requester_id) return { ok: false, reason: 'errors.approvalOwnDocument' };
  const prior = priorApprovers(sqlite, inst.id);
  if (prior.has(userId)) return { ok: false, reason: 'errors.approvalSeparation' };
  if (holdsStep(sqlite, step, userId)) return { ok: true, onBehalfOf: null };
  for (const from of delegatorsOf(sqlite, userId, today, inst.kind)) {
    if (from === inst.requester_id || prior.has(from)) continue;
    if (holdsStep(sqlite, step, from)) return { ok: true, onBehalfOf: from };
  }
  return { ok: false, reason: 'errors.approvalNotYourStep' };
}
