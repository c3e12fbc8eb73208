// Acceptance sessions: a station's open acceptance, where device scans land as serial numbers on the
// current line (registered with the scan router, so a scan is stored before the UI hears of it).
import type { Ctx } from '../../api/context';
import { AppError, notFound } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import type { ScanTarget } from '../scans/routing';
import type { InboundSessionDto } from './contract';

interface SessionRow {
  id: number;
  station: string;
  purchase_order_id: number | null;
  current_line: string;
  status: 'active' | 'stopped';
  created_at: string;
  stopped_at: string | null;
  version: number;
}

function sessionRow(sqlite: Sqlite, id: number): SessionRow {
  const row = sqlite.prepare('SELECT * FROM inbound_sessions WHERE id = ?').get(id) as SessionRow | undefined;
  if (!row) throw notFound('inboundSession', id);
  return row;
}

/** Scanned serials per line key, in scan order. */
function serialsOf(sqlite: Sqlite, id: number): Record<string, string[]> {
  const rows = sqlite
    .prepare('SELECT line_key, serial_no FROM inbound_session_scans WHERE session_id = ? ORDER BY id')
    .all(id) as { line_key: string; serial_no: string }[];
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.line_key] ??= []).push(r.serial_no);
  return out;
}

export function sessionSerials(ctx: Ctx, id: number): Record<string, string[]> {
  sessionRow(ctx.sqlite, id);
  return serialsOf(ctx.sqlite, id);
}

export function getSession(ctx: Ctx, id: number): InboundSessionDto {
  const r = sessionRow(ctx.sqlite, id);
  return {
    id: r.id,
    station: r.station,
    purchaseOrderId: r.purchase_order_id,
    currentLine: r.current_line,
    status: r.status,
    serials: serialsOf(ctx.sqlite, id),
    startedAt: r.created_at,
    stoppedAt: r.stopped_at,
    version: r.version,
  };
}

export function startSession(
  ctx: Ctx,
  input: { station: string; purchaseOrderId?: number; currentLine?: string },
): InboundSessionDto {
  if (input.purchaseOrderId !== undefined) {
    const ok = ctx.sqlite.prepare('SELECT 1 FROM purchase_orders WHERE id = ?').get(input.purchaseOrderId);
    if (!ok) throw notFound('purchaseOrder', input.purchaseOrderId);
  }
  // One acceptance per station: a new one replaces what was left open there.
  ctx.sqlite
    .prepare(
      `UPDATE inbound_sessions SET status = 'stopped', stopped_at = ?, version = version + 1, updated_at = ?
       WHERE station = ? AND status = 'active'`,
    )
    .run(ctx.nowIso, ctx.nowIso, input.station);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO inbound_sessions (station, purchase_order_id, current_line, status, started_by, version,
           created_at, updated_at) VALUES (?, ?, ?, 'active', ?, 1, ?, ?)`,
      )
      .run(
        input.station,
        input.purchaseOrderId ?? null,
        input.currentLine ?? '',
        ctx.user().userId,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  ctx.audit({ entity: 'inboundSession', entityId: id, details: input });
  return getSession(ctx, id);
}

function activeRow(ctx: Ctx, id: number): SessionRow {
  const r = sessionRow(ctx.sqlite, id);
  if (r.status !== 'active')
    throw new AppError('INVALID_TRANSITION', 'errors.inboundSessionStopped', { id, station: r.station });
  return r;
}

export function setLine(ctx: Ctx, id: number, currentLine: string): InboundSessionDto {
  activeRow(ctx, id);
  ctx.sqlite
    .prepare(
      'UPDATE inbound_sessions SET current_line = ?, version = version + 1, updated_at = ? WHERE id = ?',
    )
    .run(currentLine, ctx.nowIso, id);
  return getSession(ctx, id);
}

export function stopSession(ctx: Ctx, id: number): InboundSessionDto {
  activeRow(ctx, id);
  ctx.sqlite
    .prepare(
      `UPDATE inbound_sessions SET status = 'stopped', stopped_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(ctx.nowIso, ctx.nowIso, id);
  return getSession(ctx, id);
}

/** Barcode scans on a station with an active session become serials of its current line. */
export const acceptanceScanTarget: ScanTarget = {
  kind: 'acceptance',
  active(sqlite, station) {
    return (
      (sqlite
        .prepare(
          `SELECT id FROM inbound_sessions WHERE station = ? AND status = 'active' ORDER BY id DESC LIMIT 1`,
        )
        .pluck()
        .get(station) as number | undefined) ?? null
    );
  },
  accept(sqlite, scan, targetId) {
    const serial = scan.code?.trim();
    if (!serial) return;
    const line = sqlite
      .prepare('SELECT current_line FROM inbound_sessions WHERE id = ?')
      .pluck()
      .get(targetId) as string | undefined;
    sqlite
      .prepare(
        `INSERT INTO inbound_session_scans (session_id, line_key, serial_no, scan_id, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(session_id, serial_no) DO NOTHING`,
      )
      .run(targetId, line ?? '', serial, scan.id, scan.at);
  },
};
