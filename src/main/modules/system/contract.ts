// First-run setup and the public status the sign-in screen needs.
import { z } from 'zod';
import { method } from '../../api/contract';
import { periodStr, requiredText } from '../../api/schemas';
import { password, type UserDto } from '../users/contract';

export type AccountingStandard = 'cas' | 'sbe';

export interface SystemStatus {
  setupRequired: boolean;
  companyName: string | null;
  accountingStandard: AccountingStandard | null;
  firstPeriod: string | null;
  locale: 'zh-CN' | 'en';
  appVersion: string;
  schemaVersion: number;
  /** quick_check of the ledger: 'checking' while a large file is checked in the background. */
  integrity: 'ok' | 'checking' | 'failed';
}

export const systemContract = {
  'system.status': method<SystemStatus>()({
    input: z.object({}),
    access: 'public',
    mode: 'read',
    summary: 'Whether first-run setup is needed, company name, versions and default language.',
    returns: 'SystemStatus',
  }),
  'system.setup': method<{ token: string; user: UserDto }>()({
    input: z.object({
      companyName: requiredText(100),
      /** cas: 企业会计准则; sbe: 小企业会计准则 */
      accountingStandard: z.enum(['cas', 'sbe']),
      firstPeriod: periodStr,
      adminPassword: password,
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
      /** Load a realistic sample company (departments, locations, people, suppliers and assets). */
      sampleCompany: z.boolean().default(false),
      sampleAssets: z.number().int().min(0).max(5000).default(300),
    }),
    access: 'public',
    mode: 'write',
    summary:
      'First run on an empty data folder: company, accounting standard, first ledger month and the admin account (ALREADY_SET_UP afterwards). Signs the admin in.',
    returns: '{ token, user: UserDto }',
  }),
};
