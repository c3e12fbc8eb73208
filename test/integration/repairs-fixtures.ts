// Set-up shared by the repair and disposal tests: the ledger harness (settable clock, two accountants)
// plus a clerk, an asset manager, an employee holding one asset, and sessions made at the current clock.
import { createSession, insertUser } from '../../src/main/modules/users/accounts';
import { startLedger, type Ledger } from './depreciation-run-helpers';

export type Who = 'clerk' | 'mgr' | 'emp' | 'acc1' | 'acc2' | 'admin';

export interface Shop {
  l: Ledger;
  ids: Record<'clerk' | 'mgr' | 'emp', number>;
  /** The employee's custodian record. */
  custodianId: number;
  /** A fresh session for `who` at the core's clock (sessions idle out when the clock jumps). */
  as(who: Who): string;
}

export function startShop(today: string): Shop {
  const l = startLedger(today);
  const { sqlite } = l.t.core.services;
  const nowIso = () => l.t.core.services.now().toISOString();
  const custodianId = Number(
    sqlite
      .prepare(
        `INSERT INTO custodians (code, name, department_id, active, created_at, updated_at) VALUES ('RP-E1', '员工甲', ?, 1, ?, ?)`,
      )
      .run(l.deptId, nowIso(), nowIso()).lastInsertRowid,
  );
  const mk = (username: string, roles: string[], extra: { custodianId?: number } = {}) =>
    insertUser(
      sqlite,
      { username, displayName: username, passwordHash: 'x', roles, departmentId: l.deptId, ...extra },
      nowIso(),
    );
  const ids = {
    clerk: mk('clerk', ['clerk']),
    mgr: mk('mgr', ['asset_manager']),
    emp: mk('emp', ['employee'], { custodianId }),
  };
  const userId = (who: Who): number => {
    if (who in ids) return ids[who as keyof typeof ids];
    return sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(who) as number;
  };
  return {
    l,
    ids,
    custodianId,
    as: (who) => createSession(sqlite, userId(who), 'desktop', l.t.core.services.now()),
  };
}

/** A 1×1 PNG, base64. */
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
/** A minimal PDF header, base64 (an invoice). */
export const PDF = Buffer.from('%PDF-1.4\n% invoice\n').toString('base64');
