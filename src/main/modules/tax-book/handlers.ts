// Tax book handlers: read an asset's tax terms and schedule, and change them (versioned, audited).
import type { HandlersOf } from '../../api/context';
import { conflict, notFound, validation } from '../../api/errors';
import { lastDisposalPeriod } from '../reports/sources-common';
import type { taxBookContract } from './contract';
import { loadTaxFacts, taxSchedule, taxTerms } from './terms';

export const taxBookHandlers: HandlersOf<typeof taxBookContract> = {
  'tax.get': (ctx, { assetId, through }) => {
    const f = loadTaxFacts(ctx.sqlite, assetId);
    if (!f) throw notFound('asset', assetId);
    const terms = taxTerms(f);
    const end = through ?? '2999-12';
    const rows = taxSchedule(f, end, lastDisposalPeriod(ctx.sqlite, assetId));
    return {
      assetId,
      terms,
      version: f.version,
      rows: through ? rows : rows.filter((r) => r.amount !== 0 || r.flags?.includes('disposal')),
    };
  },

  'tax.update': (ctx, input) => {
    const f = loadTaxFacts(ctx.sqlite, input.assetId);
    if (!f) throw notFound('asset', input.assetId);
    if ((f.version ?? undefined) !== input.version)
      throw conflict('asset_tax_terms', input.assetId, { version: f.version });
    const next = {
      ...f,
      taxLifeMonths: input.lifeMonths === undefined ? f.taxLifeMonths : input.lifeMonths,
      taxMethod: input.method === undefined ? f.taxMethod : input.method,
      taxResidualValue: input.residualValue === undefined ? f.taxResidualValue : input.residualValue,
      oneOff: input.oneOff ?? f.oneOff,
    };
    const terms = taxTerms(next);
    if (terms.minLifeMonths !== null && terms.lifeMonths < Math.ceil(terms.minLifeMonths * 0.6))
      throw validation('lifeMonths', 'validation.taxLifeTooShort', {
        min: Math.ceil(terms.minLifeMonths * 0.6),
      });
    if (next.taxResidualValue !== null && next.taxResidualValue > f.cost)
      throw validation('residualValue', 'validation.residualExceedsCost');
    if (next.oneOff === 'yes' && !terms.oneOffEligible)
      throw validation('oneOff', 'validation.oneOffNotEligible');
    const version = (f.version ?? 0) + 1;
    ctx.sqlite
      .prepare(
        `INSERT INTO asset_tax_terms (asset_id, life_months, method, residual_value, one_off, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(asset_id) DO UPDATE SET life_months = excluded.life_months,
           method = excluded.method, residual_value = excluded.residual_value, one_off = excluded.one_off,
           version = excluded.version, updated_at = excluded.updated_at`,
      )
      .run(
        input.assetId,
        next.taxLifeMonths,
        next.taxMethod,
        next.taxResidualValue,
        next.oneOff,
        version,
        ctx.nowIso,
        ctx.nowIso,
      );
    ctx.audit({
      entity: 'asset_tax_terms',
      entityId: input.assetId,
      details: { before: taxTerms(f), after: terms },
    });
    return { assetId: input.assetId, terms, version };
  },
};
