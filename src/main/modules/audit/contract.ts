// The tamper-evident audit log: list, filter, export and verify the hash chain.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, id, paging, trimmed, type Page } from '../../api/schemas';

export interface AuditRowDto {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  source: string;
  action: string;
  entity: string;
  entityId: string;
  details: unknown;
  hash: string;
}

const auditFilters = {
  action: trimmed(100).optional(),
  entity: trimmed(50).optional(),
  entityId: trimmed(50).optional(),
  userId: id.optional(),
  from: dateStr.optional(),
  to: dateStr.optional(),
  query: trimmed(100).optional(),
};

export const auditContract = {
  'audit.list': method<Page<AuditRowDto>>()({
    input: z.object({ ...auditFilters, ...paging }),
    access: 'audit.read',
    mode: 'read',
    summary:
      'Audit rows, newest first, filtered by action, entity, user, date range (inclusive local calendar days) and text.',
    returns: '{ rows: AuditRowDto[], total }',
  }),
  'audit.verify': method<{ ok: boolean; checked: number; firstBroken?: { id: number; reason: string } }>()({
    input: z.object({}),
    access: 'audit.read',
    mode: 'read',
    summary:
      'Recompute the hash chain; names the first row that was edited, inserted or removed behind the app’s back.',
    returns: '{ ok, checked, firstBroken?: { id, reason: hash | chain | sequence } }',
  }),
  'audit.export': method<{ fileName: string; mime: string; data: string }>()({
    input: z.object(auditFilters),
    access: 'audit.read',
    mode: 'read',
    summary: 'The filtered audit log as CSV (UTF-8 with BOM so Excel shows Chinese), base64.',
    returns: '{ fileName, mime, data }',
  }),
};
