// users.lookup: the people directory any signed-in user may search to name someone (an approver, a
// delegate): display names and departments only, never usernames, roles or sign-in state.
import type { Ctx } from '../../api/context';
import type { UserLookupDto } from './contract';
import { rolesOf } from './accounts';

interface Row {
  id: number;
  display_name: string;
  department_id: number | null;
}

export function lookupUsers(
  ctx: Ctx,
  input: { q?: string; limit: number; approvers: boolean; ids?: number[]; includeInactive: boolean },
): UserLookupDto[] {
  if (input.ids) {
    const one = ctx.sqlite.prepare('SELECT id, display_name, department_id FROM users WHERE id = ?');
    return [...new Set(input.ids)]
      .map((id) => one.get(id) as Row | undefined)
      .filter((r): r is Row => r !== undefined)
      .map((r) => ({ id: r.id, displayName: r.display_name, departmentId: r.department_id }));
  }
  const like = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const stmt = ctx.sqlite.prepare(
    `SELECT id, display_name, department_id FROM users
     WHERE (active = 1 OR ?) AND (? IS NULL OR display_name LIKE ? ESCAPE '\\')
     ORDER BY display_name, id LIMIT ? OFFSET ?`,
  );
  const out: UserLookupDto[] = [];
  // With the approvers filter some rows drop out, so read in pages until the limit is filled.
  const page = Math.max(input.limit, 50);
  for (let offset = 0; out.length < input.limit; offset += page) {
    const rows = stmt.all(input.includeInactive ? 1 : 0, like, like, page, offset) as Row[];
    for (const r of rows) {
      if (input.approvers && !rolesOf(ctx.sqlite, r.id).permissions.includes('approvals.act')) continue;
      out.push({ id: r.id, displayName: r.display_name, departmentId: r.department_id });
      if (out.length === input.limit) break;
    }
    if (rows.length < page) break;
  }
  return out;
}
