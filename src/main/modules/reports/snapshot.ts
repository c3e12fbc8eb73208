// The connection a report export reads through: a second, read-only connection holding a read
// transaction opened by the exporting call (WAL keeps its snapshot while others write), so the file is the
// ledger as it was at that moment. It reads without memory-mapping (mmap_size 0) and with a small page
// cache: the main connection maps up to 256 MB, and walking every entry of a year through that map puts
// the whole table into the process's resident memory; plain reads leave it to the OS page cache.
import Database from 'better-sqlite3';
import type { Sqlite } from '../../db/client';

export interface Snapshot {
  db: Sqlite;
  close(): void;
}

export function openSnapshot(sqlite: Sqlite): Snapshot {
  // In-memory databases (never in the app) have no file for a second connection.
  if (sqlite.memory) return { db: sqlite, close() {} };
  const db = new Database(sqlite.name, { readonly: true, fileMustExist: true });
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  };
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('mmap_size = 0');
    db.pragma('cache_size = -8192');
    // Deferred: the snapshot is fixed by the first read, which the report's builder makes at once.
    db.exec('BEGIN');
    return { db, close };
  } catch (err) {
    close();
    throw err;
  }
}
