// People an approver can hand a step to. There is no approver directory for non-admins yet, so an
// admin searches the accounts and everyone else picks among the department heads.
import type { EntityOption } from '../../components/types';
import { call } from '../../lib/api';
import { session } from '../../lib/session.svelte';
import { refs } from '../assets/refs.svelte';

export async function searchApprovers(q: string): Promise<EntityOption[]> {
  const me = session.user?.id;
  if (session.can('users.manage')) {
    const r = await call('users.list', { query: q || undefined, limit: 20 });
    return r.ok
      ? r.data.rows
          .filter((u) => u.id !== me && u.permissions.includes('approvals.act'))
          .map((u) => ({ id: u.id, label: u.displayName || u.username, hint: u.username }))
      : [];
  }
  await refs.load();
  const seen = new Set<number>();
  const out: EntityOption[] = [];
  for (const d of refs.departments) {
    if (d.headUserId === null || d.headUserId === me || seen.has(d.headUserId)) continue;
    const label = d.headUserName ?? `#${d.headUserId}`;
    if (q && !label.includes(q) && !d.name.includes(q)) continue;
    seen.add(d.headUserId);
    out.push({ id: d.headUserId, label, hint: d.pathName });
  }
  return out.slice(0, 20);
}
