// Usage API handlers: the period's list, the batch save and the Excel import job.
import type { HandlersOf } from '../../api/context';
import type { usageContract } from './contract';
import { importUsageJob } from './import';
import { assertSavable, assetUsageHistory, periodUsage, writeUsage } from './store';

export const usageHandlers: HandlersOf<typeof usageContract> = {
  'usage.list': (ctx, { period, assetId, search, offset, limit }) =>
    assetId !== undefined
      ? assetUsageHistory(ctx.sqlite, assetId, period)
      : periodUsage(ctx.sqlite, period, search, offset, limit),

  'usage.set': (ctx, { totals, entries }) => {
    assertSavable(ctx.sqlite, totals, entries);
    writeUsage(ctx.sqlite, totals, entries, ctx.nowIso);
    ctx.audit({
      entity: 'usage',
      details: { totals, entries: entries.length > 200 ? entries.length : entries },
    });
    return { saved: entries.length, totalsSaved: totals.length };
  },

  'usage.import': (ctx, input) => {
    const s = ctx.user();
    const jobId = ctx.core.jobs.start('usage.import', s.userId, (job) =>
      importUsageJob(ctx.core, s, input, job),
    );
    return { jobId };
  },
};
