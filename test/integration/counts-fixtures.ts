// Set-up shared by the count tests: a fresh core on the seeded ledger, and staff made through
// users.create by the admin (so the audit and role checks run as in the app) with a session each.
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import { commitScans } from '../../src/main/modules/scans/record';

export interface CountCore {
  t: TestCore;
  /** The admin's session. */
  admin: string;
  fx: LedgerFixtures;
}

export function startCountCore(): CountCore {
  const t = startTestCore();
  return { t, admin: t.adminToken, fx: seedLedger(t.core.services.sqlite) };
}

/** A user with one role, created by the admin; its id and a fresh session. */
export function addCountUser(t: TestCore, username: string, role: string): { id: number; token: string } {
  const u = t.call(t.adminToken, 'users.create', {
    username,
    password: 'count-pass-1',
    displayName: username,
    roles: [role],
    mustChangePassword: false,
  } as never);
  return { id: u.id, token: t.login(username, 'count-pass-1') };
}

/** A user with one role, created by the admin; a fresh session. */
export const countUser = (t: TestCore, username: string, role: string): string =>
  addCountUser(t, username, role).token;

/** Scanner reads of `codes` at `station`, as a device hands them to the scan router (no user signed in). */
export function stationScans(t: TestCore, station: string, codes: string[]) {
  const { sqlite, events } = t.core.services;
  const at = new Date().toISOString();
  const base = { at, deviceId: null, source: 'scanner' as const, userId: null, station, rawHex: '' };
  return commitScans(
    sqlite,
    events,
    codes.map((code) => ({ ...base, code })),
  );
}
