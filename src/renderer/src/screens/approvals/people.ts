// People to name in approvals: approvers for a template step, a delegate, someone to hand a step to.
// Searched through users.lookup (names and departments only), so no users.manage is needed.
import type { EntityOption } from '../../components/types';
import { call } from '../../lib/api';
import { session } from '../../lib/session.svelte';
import { refs } from '../assets/refs.svelte';

async function lookup(q: string, excludeMe: boolean): Promise<EntityOption[]> {
  const me = session.user?.id;
  const [r] = await Promise.all([
    call('users.lookup', { q: q.trim() || undefined, approvers: true, limit: 20 }),
    refs.load(),
  ]);
  if (!r.ok) return [];
  return r.data
    .filter((u) => !excludeMe || u.id !== me)
    .map((u) => ({
      id: u.id,
      label: u.displayName,
      hint: refs.pathName('departments', u.departmentId) ?? undefined,
    }));
}

/** Someone else who may approve: a delegate, or the person a step is handed to. */
export const searchApprovers = (q: string): Promise<EntityOption[]> => lookup(q, true);

/** Anyone who may approve, the signed-in admin included: the named person of a template step. */
export const searchStepApprovers = (q: string): Promise<EntityOption[]> => lookup(q, false);

/** Display names of the given users (a template step names its person by id). */
export async function userNames(ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await call('users.lookup', { ids: [...new Set(ids)].slice(0, 200) });
  return new Map(r.ok ? r.data.map((u) => [u.id, u.displayName]) : []);
}
