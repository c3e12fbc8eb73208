// The rows of a list export, streamed from a snapshot: a second, read-only connection opens a read
// transaction while the exporting call runs (so the file is the list exactly as it was then, as WAL
// lets readers keep their snapshot while others write) and the job iterates it row by row into the
// writer. No list is held in memory, and the main connection stays free for everyone else.
import Database from 'better-sqlite3';
import type { AssetListQuery, AssetDto } from '../assets/contract';
import type { Sqlite } from '../../db/client';
import { buildWhere, orderOf, orderSql } from '../assets/list-sql';
import { ASSET_SELECT, toAssetDto, type AssetRow } from '../assets/rows';

export interface RowSource {
  /** Rows in the list's order (the same as assets.list pages through). */
  rows(): IterableIterator<AssetDto>;
  total: number;
  close(): void;
}

/** The list's SQL: assets.list's filters, scope and order, with the card's joined names. */
function listSql(sqlite: Sqlite, query: AssetListQuery, scope: number | undefined) {
  const w = buildWhere(sqlite, query, scope);
  const { joins, by } = orderSql(orderOf(query));
  return {
    empty: w.empty,
    select: `${ASSET_SELECT} ${joins} WHERE ${w.sql} ORDER BY ${by}`,
    count: `SELECT count(*) FROM assets a WHERE ${w.sql}`,
    params: w.params,
  };
}

/** Call inside the exporting request: the snapshot is taken now. */
export function openRowSource(sqlite: Sqlite, query: AssetListQuery, scope: number | undefined): RowSource {
  const q = listSql(sqlite, query, scope);
  if (q.empty) return { rows: () => [][Symbol.iterator](), total: 0, close() {} };
  if (sqlite.memory) {
    // No file to open a second connection on (never in the app): read the list at once.
    const all = (sqlite.prepare(q.select).all(...q.params) as AssetRow[]).map(toAssetDto);
    return { rows: () => all[Symbol.iterator](), total: all.length, close() {} };
  }
  const reader = new Database(sqlite.name, { readonly: true, fileMustExist: true });
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  };
  try {
    reader.pragma('busy_timeout = 5000');
    reader.exec('BEGIN');
    // The first read fixes the snapshot the iteration below will see.
    const total = reader
      .prepare(q.count)
      .pluck()
      .get(...q.params) as number;
    return {
      total,
      *rows() {
        for (const r of reader.prepare(q.select).iterate(...q.params) as IterableIterator<AssetRow>)
          yield toAssetDto(r);
      },
      close,
    };
  } catch (err) {
    close();
    throw err;
  }
}
