// The offline count sheet (盘点表): exported to .xlsx (blind or open) for counting on paper or in
// Excel, and imported back — each counted row becomes a scan; bad rows are reported by row and column.
import ExcelJS from 'exceljs';
import type { Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import type { IoFile } from '../io/contract';
import { exportPath, fileResult, stamp, XLSX_MIME } from '../io/files';
import { readXlsx } from '../io/read-workbook';
import { STATUS_LABELS } from '../io/refs';
import { cellText } from '../io/values';
import { ASSET_STATUSES, type AssetStatus } from '../assets/statuses';
import type { CountSheetImportResult } from './contract';
import { grantOf } from './assign';
import { countRow } from './plan';
import { addSurplus, assertCounting, recordCountScan } from './scan';

export const SHEET_NAME = '盘点表';

/** Column headers; the import finds its columns by these texts. */
export const H = {
  code: '资产编号',
  name: '资产名称',
  model: '规格型号',
  serial: '序列号',
  expLocation: '账面位置',
  expCustodian: '账面保管人',
  expStatus: '账面状态',
  counted: '实盘(√)',
  location: '实盘位置编码',
  status: '实际状态',
  note: '备注',
} as const;

interface SheetRow {
  asset_code: string | null;
  name: string | null;
  model: string | null;
  serial_no: string | null;
  exp_loc: string | null;
  exp_cust: string | null;
  expected_status: string | null;
  found: number;
  found_loc_code: string | null;
  found_status: string | null;
  note: string;
}

export interface SheetSnapshot {
  countId: number;
  countName: string;
  blind: boolean;
  rows: SheetRow[];
}

/** Read in the calling transaction, so the sheet is a consistent snapshot; written later by a job. */
export function sheetSnapshot(
  sqlite: Sqlite,
  countId: number,
  countName: string,
  blind: boolean,
  /** A counter's rooms: only rows expected or found there; null: every row. */
  rooms: number[] | null = null,
): SheetSnapshot {
  // Blind: the expected list itself is what is hidden, so only what was found so far; the counter adds
  // a row per asset found.
  const where = [
    'd.count_id = @countId',
    blind ? 'd.found_at IS NOT NULL' : '(d.expected = 1 OR d.found_at IS NOT NULL)',
  ];
  if (rooms) {
    const inRooms = (col: string) => `${col} IN (SELECT value FROM json_each(@rooms))`;
    where.push(
      blind
        ? inRooms('d.found_location_id')
        : `(${inRooms('d.expected_location_id')} OR ${inRooms('d.found_location_id')})`,
    );
  }
  const rows = sqlite
    .prepare(
      `SELECT a.asset_code, COALESCE(a.name, d.name) AS name, a.model, a.serial_no, el.code || ' ' || el.name AS exp_loc,
         ec.name AS exp_cust, d.expected_status, d.found_at IS NOT NULL AS found, fl.code AS found_loc_code,
         d.found_status, d.note
       FROM count_details d
       LEFT JOIN assets a ON a.id = d.asset_id
       LEFT JOIN locations el ON el.id = d.expected_location_id
       LEFT JOIN custodians ec ON ec.id = d.expected_custodian_id
       LEFT JOIN locations fl ON fl.id = d.found_location_id
       WHERE ${where.join(' AND ')}
       ORDER BY d.expected_location_id, a.asset_code, d.id`,
    )
    .all({ countId, rooms: JSON.stringify(rooms ?? []) }) as SheetRow[];
  return { countId, countName, blind, rows };
}

export async function writeSheet(
  dataDir: string,
  now: Date,
  snap: SheetSnapshot,
  job: { signal: AbortSignal; progress(f: number, m?: string): void },
): Promise<IoFile> {
  const fileName = `盘点表-${snap.countId}-${stamp(now)}.xlsx`;
  const { abs, rel } = exportPath(dataDir, fileName);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: abs,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols: { header: string; width: number; get: (r: SheetRow) => ExcelJS.CellValue }[] = [
    { header: H.code, width: 22, get: (r) => r.asset_code },
    { header: H.name, width: 24, get: (r) => r.name },
    { header: H.model, width: 16, get: (r) => r.model },
    { header: H.serial, width: 16, get: (r) => r.serial_no },
    ...(snap.blind
      ? []
      : [
          { header: H.expLocation, width: 18, get: (r: SheetRow) => r.exp_loc },
          { header: H.expCustodian, width: 12, get: (r: SheetRow) => r.exp_cust },
          {
            header: H.expStatus,
            width: 10,
            get: (r: SheetRow) =>
              r.expected_status ? STATUS_LABELS[r.expected_status as AssetStatus] : null,
          },
        ]),
    { header: H.counted, width: 8, get: (r) => (r.found ? '√' : null) },
    { header: H.location, width: 14, get: (r) => r.found_loc_code },
    {
      header: H.status,
      width: 10,
      get: (r) => (r.found_status ? STATUS_LABELS[r.found_status as AssetStatus] : null),
    },
    { header: H.note, width: 24, get: (r) => r.note || null },
  ];
  ws.columns = cols.map((c) => ({ width: c.width }));
  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for (let i = 0; i < snap.rows.length; i++) {
    const r = snap.rows[i]!;
    ws.addRow(cols.map((c) => c.get(r))).commit();
    if (i % 5000 === 4999) {
      if (snap.rows.length && job.signal.aborted) break;
      job.progress(i / snap.rows.length, 'writing');
      await new Promise((res) => setImmediate(res));
    }
  }
  ws.commit();
  const info = wb.addWorksheet('说明');
  info.addRow([`盘点 #${snap.countId} ${snap.countName}`]).commit();
  info
    .addRow([
      `在“${H.counted}”列打 √ 表示已找到；“${H.location}”填房间编码；新发现的资产在末尾另起一行，填名称。`,
    ])
    .commit();
  if (snap.blind)
    info.addRow([`盲盘：表中只有已盘到的资产；每找到一件，另起一行填“${H.code}”并打 √。`]).commit();
  info.commit();
  await wb.commit();
  return fileResult(abs, rel, fileName, XLSX_MIME, snap.rows.length);
}

const YES = new Set(['√', '✓', '✔', 'y', 'yes', '1', '是', 'true', 'x', '有']);
const NO = new Set(['', 'n', 'no', '0', '否', 'false', '无']);

function parseStatus(text: string): AssetStatus | undefined {
  if ((ASSET_STATUSES as readonly string[]).includes(text)) return text as AssetStatus;
  return (Object.entries(STATUS_LABELS) as [AssetStatus, string][]).find(([, label]) => label === text)?.[0];
}

export function importSheet(ctx: Ctx, countId: number, data: string): CountSheetImportResult {
  const { sqlite } = ctx;
  assertCounting(sqlite, countId);
  const wb = readXlsx(Buffer.from(data, 'base64'));
  const index = Math.max(
    0,
    wb.sheets.findIndex((s) => s.name === SHEET_NAME),
  );
  const grid = wb.sheet(index);
  const header = (grid.rows[0] ?? []).map((c) => cellText(c));
  const col = (h: string) => header.indexOf(h);
  const c = {
    code: col(H.code),
    name: col(H.name),
    counted: col(H.counted),
    location: col(H.location),
    status: col(H.status),
    note: col(H.note),
  };
  if (c.code < 0 || c.counted < 0) {
    throw new AppError('VALIDATION', 'errors.validation', {}, [
      {
        path: 'data',
        message: 'validation.countSheetHeaders',
        params: { missing: [H.code, H.counted].filter((h) => col(h) < 0) },
      },
    ]);
  }
  const out: CountSheetImportResult = { rows: 0, counted: 0, duplicates: 0, surplus: 0, problems: [] };
  const locByCode = sqlite
    .prepare('SELECT id FROM locations WHERE code = ? OR name = ? ORDER BY code = ? DESC LIMIT 1')
    .pluck();
  const user = ctx.user().userId;
  // A counter's rows outside their areas are refused row by row, like any other bad row.
  const grant = grantOf(ctx, countRow(sqlite, countId));
  for (let r = 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    const text = (i: number) => (i < 0 ? '' : cellText(cells[i]));
    const code = text(c.code);
    const name = text(c.name);
    const mark = text(c.counted).toLowerCase();
    if (!code && !name && !mark) continue;
    out.rows++;
    const row = r + 1;
    const problem = (column: string, message: string, params?: Record<string, unknown>) =>
      out.problems.push({ row, column, message, params });
    if (NO.has(mark)) continue;
    if (!YES.has(mark)) {
      problem(H.counted, 'validation.countedMark', { value: text(c.counted) });
      continue;
    }
    let locationId: number | undefined;
    const loc = text(c.location);
    if (loc) {
      locationId = locByCode.get(loc, loc, loc) as number | undefined;
      if (locationId === undefined) {
        problem(H.location, 'validation.unknownLocation', { value: loc });
        continue;
      }
    }
    let status: AssetStatus | undefined;
    const st = text(c.status);
    if (st) {
      status = parseStatus(st);
      if (!status) {
        problem(H.status, 'validation.unknownStatus', { value: st });
        continue;
      }
    }
    const note = text(c.note);
    const refused = (err: unknown) => {
      if (!(err instanceof AppError) || err.code !== 'FORBIDDEN') throw err;
      problem(H.location, err.messageKey, err.params);
    };
    if (!code) {
      try {
        addSurplus(
          sqlite,
          ctx.core.dataDir,
          { countId, name, locationId, note: note || undefined, station: 'sheet', grant },
          user,
          ctx.nowIso,
        );
        out.surplus++;
      } catch (err) {
        refused(err);
      }
      continue;
    }
    let res;
    try {
      res = recordCountScan(sqlite, {
        countId,
        code,
        locationId: locationId ?? null,
        status,
        station: 'sheet',
        operator: user,
        at: ctx.nowIso,
        grant,
      });
    } catch (err) {
      refused(err);
      continue;
    }
    if (res.outcome === 'duplicate') out.duplicates++;
    else if (res.outcome === 'unknown') {
      out.surplus++;
      if (name)
        addSurplus(
          sqlite,
          ctx.core.dataDir,
          { countId, detailId: res.detailId!, name, note: note || undefined, station: 'sheet' },
          user,
          ctx.nowIso,
        );
    } else if (res.outcome === 'counted') {
      out.counted++;
      if (note) sqlite.prepare('UPDATE count_details SET note = ? WHERE id = ?').run(note, res.detailId);
    } else problem(H.code, 'validation.countSheetRoomCode', { value: code });
  }
  // The sheet's rooms are not a station anyone scans on.
  sqlite.prepare("DELETE FROM count_stations WHERE station = 'sheet'").run();
  return out;
}
