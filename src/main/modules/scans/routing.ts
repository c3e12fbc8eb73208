// Where a scan goes: the active count or acceptance session on the scanning station when one is
// open (their modules register a target here), otherwise "find" (the ledger opens the asset card).
import type { Sqlite } from '../../db/client';
import type { ScanDto } from './contract';

export interface ScanTarget {
  /** 'count', 'acceptance', ...: stored in scans.target. */
  kind: string;
  /** The id of this kind's session that is active on the station, or null. Runs in the scan's transaction. */
  active(sqlite: Sqlite, station: string): number | null;
  /** Applies the committed-together scan to the session (e.g. marks the count line found). */
  accept(sqlite: Sqlite, scan: ScanDto, targetId: number): void;
}

const targets: ScanTarget[] = [];

/** Registers (or replaces, by kind) a scan target; earlier registrations win when several are active. */
export function registerScanTarget(target: ScanTarget): void {
  const i = targets.findIndex((t) => t.kind === target.kind);
  if (i >= 0) targets[i] = target;
  else targets.push(target);
}

export function unregisterScanTarget(kind: string): void {
  const i = targets.findIndex((t) => t.kind === kind);
  if (i >= 0) targets.splice(i, 1);
}

export function routeScan(
  sqlite: Sqlite,
  station: string,
): { target: ScanTarget | null; targetId: number | null } {
  for (const t of targets) {
    const id = t.active(sqlite, station);
    if (id !== null) return { target: t, targetId: id };
  }
  return { target: null, targetId: null };
}
