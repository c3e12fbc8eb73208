// The audit screen's filter form and how it maps onto audit.list / audit.export input.
import type { InputOf } from '../../lib/api';

/** Entities the core writes audit rows about (labels in messages/audit.ts as audit.entity.<key>). */
export const AUDIT_ENTITIES = [
  'asset',
  'category',
  'location',
  'department',
  'custodian',
  'supplier',
  'dictionary_item',
  'setting',
  'user',
  'role',
  'system',
] as const;

export interface AuditFilters {
  action: string;
  entity: string;
  entityId: string;
  userId: number | null;
  from: string;
  to: string;
  query: string;
}

export const emptyFilters = (): AuditFilters => ({
  action: '',
  entity: '',
  entityId: '',
  userId: null,
  from: '',
  to: '',
  query: '',
});

/** Only filled-in filters are sent; blanks mean "any". */
export function toInput(f: AuditFilters): InputOf<'audit.export'> {
  const s = (v: string) => v.trim() || undefined;
  return {
    action: s(f.action),
    entity: s(f.entity),
    entityId: s(f.entityId),
    userId: f.userId ?? undefined,
    from: s(f.from),
    to: s(f.to),
    query: s(f.query),
  };
}
