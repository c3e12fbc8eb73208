// First-run setup and public status.
import type { HandlersOf } from '../../api/context';
import { AppError } from '../../api/errors';
import { getSetting } from '../../db/kv';
import { createSession, toUserDto, userRow } from '../users/accounts';
import { loadSampleCompany } from '../../demo/generate';
import type { AccountingStandard, systemContract } from './contract';
import { isSetUp, performSetup } from './setup';

export const systemHandlers: HandlersOf<typeof systemContract> = {
  'system.status': (ctx) => {
    const profile = getSetting<{ name: string }>(ctx.sqlite, 'company.profile');
    return {
      setupRequired: !isSetUp(ctx.sqlite),
      companyName: profile?.name ?? null,
      accountingStandard: getSetting<AccountingStandard>(ctx.sqlite, 'ledger.accountingStandard') ?? null,
      firstPeriod: getSetting<string>(ctx.sqlite, 'ledger.firstPeriod') ?? null,
      locale: getSetting<'zh-CN' | 'en'>(ctx.sqlite, 'ui.locale') ?? 'zh-CN',
      appVersion: ctx.core.appVersion,
      schemaVersion: ctx.core.schemaVersion,
      integrity: ctx.core.integrity.status,
    };
  },

  'system.setup': (ctx, input) => {
    if (isSetUp(ctx.sqlite)) throw new AppError('ALREADY_SET_UP', 'errors.alreadySetUp');
    const adminId = performSetup(ctx.sqlite, input, ctx.nowIso);
    if (input.sampleCompany) loadSampleCompany(ctx.sqlite, { assets: input.sampleAssets, now: ctx.now });
    const token = createSession(ctx.sqlite, adminId, ctx.source, ctx.now);
    ctx.audit({
      entity: 'system',
      details: {
        companyName: input.companyName,
        accountingStandard: input.accountingStandard,
        firstPeriod: input.firstPeriod,
        sampleCompany: input.sampleCompany,
      },
    });
    return { token, user: toUserDto(ctx.sqlite, userRow(ctx.sqlite, adminId)!) };
  },
};
