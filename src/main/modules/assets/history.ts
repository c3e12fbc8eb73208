// The asset timeline: structured events (who, when, source, fields before → after) and what changed
// since a given version, for the stale-edit answer.
import type { Ctx } from '../../api/context';
import type { Sqlite } from '../../db/client';
import { stmt } from '../../db/statements';
import type { AssetEventDto, FieldChange } from './contract';

export type AssetEventKind =
  | 'created'
  | 'updated'
  | 'status'
  | 'bulk'
  | 'attachment_added'
  | 'attachment_removed'
  | 'deleted'
  // Other modules (transfers, repairs, counts, disposals, import) may record their own kinds.
  | (string & {});

export interface NewAssetEvent {
  assetId: number;
  kind: AssetEventKind;
  changes?: FieldChange[];
  note?: string;
  /** The asset's version after the event, when the event changed the card. */
  version?: number | null;
}

/** Appends one event in the caller's transaction, stamped with the caller and source. */
export function recordAssetEvent(ctx: Ctx, e: NewAssetEvent): void {
  stmt(
    ctx.sqlite,
    `INSERT INTO asset_events (asset_id, at, user_id, username, source, kind, changes, note, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.assetId,
    ctx.nowIso,
    ctx.session?.userId ?? null,
    ctx.session?.username ?? '',
    ctx.source,
    e.kind,
    JSON.stringify(e.changes ?? []),
    e.note ?? '',
    e.version ?? null,
  );
}

interface EventRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  source: string;
  kind: string;
  changes: string;
  note: string;
}

const toDto = (r: EventRow): AssetEventDto => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  source: r.source,
  kind: r.kind,
  changes: JSON.parse(r.changes) as FieldChange[],
  note: r.note,
});

/** Newest first. */
export function assetEvents(sqlite: Sqlite, assetId: number): AssetEventDto[] {
  const rows = stmt(
    sqlite,
    `SELECT id, at, user_id, username, source, kind, changes, note FROM asset_events
       WHERE asset_id = ? ORDER BY id DESC`,
  ).all(assetId) as EventRow[];
  return rows.map(toDto);
}

export interface ChangesSince {
  /** Events that moved the card past the version the caller read, oldest first. */
  events: AssetEventDto[];
  /** Distinct field names changed since that version. */
  fields: string[];
  changedBy: string | null;
  changedAt: string | null;
}

export function changesSince(sqlite: Sqlite, assetId: number, version: number): ChangesSince {
  const rows = stmt(
    sqlite,
    `SELECT id, at, user_id, username, source, kind, changes, note FROM asset_events
       WHERE asset_id = ? AND version > ? ORDER BY id`,
  ).all(assetId, version) as EventRow[];
  const events = rows.map(toDto);
  const fields = [...new Set(events.flatMap((e) => e.changes.map((c) => c.field)))];
  const last = events.at(-1);
  return { events, fields, changedBy: last?.username ?? null, changedAt: last?.at ?? null };
}
