// Handlers for the single-value settings (app_settings rows): company profile, asset code rule,
// LAN access. Each row's version guards against two people editing the same screen.
import type { Ctx, HandlersOf } from '../../api/context';
import { conflict, validation } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import { getSetting, setSetting } from '../../db/kv';
import type { AccountingStandard } from '../system/contract';
import type { CodeRule, CompanyProfile, NetworkSettings } from './contract';
import type { systemSettingsContract } from './contract-system';
import {
  CODE_RULE_KEY,
  DEFAULT_ASSET_CODE_PATTERN,
  assetCodePattern,
  parsePattern,
  previewCode,
} from './code-rules';
import { lastChange } from './rows';

export const COMPANY_KEY = 'company.profile';
export const LAN_ACCESS_KEY = 'network.lanAccess';

type StoredCompany = Partial<Pick<CompanyProfile, 'name' | 'taxNo' | 'address' | 'phone' | 'contact'>>;

/** The row's version, 0 when it was never saved. */
function settingVersion(sqlite: Sqlite, key: string): number {
  const v = sqlite.prepare('SELECT version FROM app_settings WHERE key = ?').pluck().get(key) as
    number | undefined;
  return v ?? 0;
}

function assertSettingVersion(ctx: Ctx, key: string, expected: number, current: unknown): void {
  const v = settingVersion(ctx.sqlite, key);
  if (v !== expected) {
    throw conflict('setting', key, { currentVersion: v, ...lastChange(ctx.sqlite, 'setting', key), current });
  }
}

function saved(ctx: Ctx, key: string, before: unknown, after: unknown): void {
  setSetting(ctx.sqlite, key, after, ctx.nowIso);
  ctx.audit({ entity: 'setting', entityId: key, details: { before, after } });
  ctx.emit('settings.changed', { entity: 'setting', id: key, action: 'updated' });
}

function company(sqlite: Sqlite): CompanyProfile {
  const p = getSetting<StoredCompany>(sqlite, COMPANY_KEY) ?? {};
  return {
    name: p.name ?? '',
    taxNo: p.taxNo ?? '',
    address: p.address ?? '',
    phone: p.phone ?? '',
    contact: p.contact ?? '',
    accountingStandard: getSetting<AccountingStandard>(sqlite, 'ledger.accountingStandard') ?? null,
    firstPeriod: getSetting<string>(sqlite, 'ledger.firstPeriod') ?? null,
    version: settingVersion(sqlite, COMPANY_KEY),
  };
}

/** A category code to show in examples: the first leaf category's, else a placeholder. */
function sampleCategoryCode(sqlite: Sqlite): string {
  const code = sqlite
    .prepare(
      `SELECT code FROM categories c WHERE active = 1 AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
       ORDER BY sort_order, id LIMIT 1`,
    )
    .pluck()
    .get() as string | undefined;
  return code && /^[A-Za-z0-9_-]{1,10}$/.test(code) ? code : 'CAT';
}

function codeRule(ctx: Ctx): CodeRule {
  const pattern = assetCodePattern(ctx.sqlite);
  return {
    pattern,
    defaultPattern: DEFAULT_ASSET_CODE_PATTERN,
    example: previewCode(pattern, { date: ctx.today, categoryCode: sampleCategoryCode(ctx.sqlite) }),
    version: settingVersion(ctx.sqlite, CODE_RULE_KEY),
  };
}

function network(sqlite: Sqlite): NetworkSettings {
  return {
    lanAccess: getSetting<boolean>(sqlite, LAN_ACCESS_KEY) === true,
    version: settingVersion(sqlite, LAN_ACCESS_KEY),
  };
}

export const appSettingsHandlers: HandlersOf<typeof systemSettingsContract> = {
  'settings.company.get': (ctx) => company(ctx.sqlite),
  'settings.company.update': (ctx, input) => {
    const current = company(ctx.sqlite);
    assertSettingVersion(ctx, COMPANY_KEY, input.version, current);
    const before = getSetting<StoredCompany>(ctx.sqlite, COMPANY_KEY) ?? {};
    const after: StoredCompany = { ...before };
    for (const k of ['name', 'taxNo', 'address', 'phone', 'contact'] as const) {
      if (input[k] !== undefined) after[k] = input[k];
    }
    saved(ctx, COMPANY_KEY, before, after);
    return company(ctx.sqlite);
  },

  'settings.codeRule.get': (ctx) => codeRule(ctx),
  'settings.codeRule.update': (ctx, input) => {
    parsePattern(input.pattern);
    const before = assetCodePattern(ctx.sqlite);
    assertSettingVersion(ctx, CODE_RULE_KEY, input.version, { pattern: before });
    saved(ctx, CODE_RULE_KEY, { pattern: before }, { pattern: input.pattern });
    return codeRule(ctx);
  },
  'settings.codeRule.preview': (ctx, input) => {
    let categoryCode = input.categoryCode ?? sampleCategoryCode(ctx.sqlite);
    if (input.categoryId !== undefined) {
      const c = ctx.sqlite.prepare('SELECT code FROM categories WHERE id = ?').pluck().get(input.categoryId);
      if (typeof c !== 'string')
        throw validation('categoryId', 'validation.referenceNotFound', { id: input.categoryId });
      categoryCode = c;
    }
    return {
      code: previewCode(input.pattern, { date: input.date ?? ctx.today, categoryCode, seq: input.seq }),
    };
  },

  'settings.network.get': (ctx) => network(ctx.sqlite),
  'settings.network.update': (ctx, input) => {
    const current = network(ctx.sqlite);
    assertSettingVersion(ctx, LAN_ACCESS_KEY, input.version, current);
    saved(ctx, LAN_ACCESS_KEY, current.lanAccess, input.lanAccess);
    return { ...network(ctx.sqlite), restartRequired: true, message: 'settings.networkRestartRequired' };
  },
};
