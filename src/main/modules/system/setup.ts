// First-run setup: company profile, accounting standard, first ledger month, default base
// settings, the admin account, and optionally a sample company. Runs inside one transaction.
import type { Sqlite } from '../../db/client';
import { getSetting, setSetting } from '../../db/kv';
import { seedRoles, insertUser, syncBuiltinRoles } from '../users/accounts';
import { hashPassword } from '../users/passwords';
import { seedDefaults } from '../settings/seed';
import type { AccountingStandard } from './contract';

export interface SetupInput {
  companyName: string;
  accountingStandard: AccountingStandard;
  firstPeriod: string;
  adminPassword: string;
  locale: 'zh-CN' | 'en';
}

export function isSetUp(sqlite: Sqlite): boolean {
  return getSetting<boolean>(sqlite, 'setup.done') === true;
}

/** Returns the admin's user id. */
export function performSetup(sqlite: Sqlite, input: SetupInput, nowIso: string): number {
  seedRoles(sqlite, nowIso);
  syncBuiltinRoles(sqlite, nowIso);
  seedDefaults(sqlite, nowIso);
  setSetting(
    sqlite,
    'company.profile',
    { name: input.companyName, taxNo: '', address: '', phone: '' },
    nowIso,
  );
  setSetting(sqlite, 'ledger.accountingStandard', input.accountingStandard, nowIso);
  setSetting(sqlite, 'ledger.firstPeriod', input.firstPeriod, nowIso);
  setSetting(sqlite, 'ui.locale', input.locale, nowIso);
  const adminId = insertUser(
    sqlite,
    {
      username: 'admin',
      displayName: input.locale === 'en' ? 'Administrator' : '系统管理员',
      passwordHash: hashPassword(input.adminPassword),
      roles: ['admin'],
    },
    nowIso,
  );
  setSetting(sqlite, 'setup.done', true, nowIso);
  return adminId;
}
