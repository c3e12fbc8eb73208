// Audit log queries, CSV export and chain verification.
import type { HandlersOf } from '../../api/context';
import type { AuditRowDto, auditContract } from './contract';
import { verifyAuditChain } from './audit-log';
import { toCsv } from '../../util/csv';

/** UTC instant of local midnight at the start of `date` + `plusDays`. */
export function localMidnightUtc(date: string, plusDays: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
}

interface Filters {
  action?: string;
  entity?: string;
  entityId?: string;
  userId?: number;
  from?: string;
  to?: string;
  query?: string;
}

function where(f: Filters): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.action) {
    clauses.push('action LIKE ?');
    params.push(`${f.action}%`);
  }
  if (f.entity) {
    clauses.push('entity = ?');
    params.push(f.entity);
  }
  if (f.entityId) {
    clauses.push('entity_id = ?');
    params.push(f.entityId);
  }
  if (f.userId) {
    clauses.push('user_id = ?');
    params.push(f.userId);
  }
  // Dates are the office's local calendar days; rows are stamped in UTC.
  if (f.from) {
    clauses.push('at >= ?');
    params.push(localMidnightUtc(f.from, 0));
  }
  if (f.to) {
    clauses.push('at < ?');
    params.push(localMidnightUtc(f.to, 1));
  }
  if (f.query) {
    clauses.push('(instr(details, ?) > 0 OR instr(username, ?) > 0 OR instr(action, ?) > 0)');
    params.push(f.query, f.query, f.query);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

interface Row {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  source: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
  hash: string;
}

const toDto = (r: Row): AuditRowDto => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  source: r.source,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  details: JSON.parse(r.details) as unknown,
  hash: r.hash,
});

export const auditHandlers: HandlersOf<typeof auditContract> = {
  'audit.list': (ctx, input) => {
    const w = where(input);
    const total = (
      ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }
    ).n;
    const rows = ctx.sqlite
      .prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...w.params, input.limit, input.offset) as Row[];
    return { rows: rows.map(toDto), total };
  },
  'audit.verify': (ctx) => verifyAuditChain(ctx.sqlite),
  'audit.export': (ctx, input) => {
    const w = where(input);
    const rows = ctx.sqlite.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id`).all(...w.params) as Row[];
    const csv = toCsv(
      ['id', 'at', 'username', 'source', 'action', 'entity', 'entityId', 'details', 'hash'],
      rows.map((r) => [r.id, r.at, r.username, r.source, r.action, r.entity, r.entity_id, r.details, r.hash]),
    );
    return {
      fileName: `audit-log-${ctx.today}.csv`,
      mime: 'text/csv;charset=utf-8',
      data: Buffer.from(csv, 'utf8').toString('base64'),
    };
  },
};
