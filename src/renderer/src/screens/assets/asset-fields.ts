// How asset fields read on screen: groups of the card, and values (money, rates, statuses, refs).
import { money, percent } from '../../lib/format';
import { t } from '../../lib/i18n/index.svelte';

/** `when`: the group shows only for cards it applies to. */
export const CARD_GROUPS: {
  title: string;
  fields: string[];
  when?: (a: { openingPeriod: string | null }) => boolean;
}[] = [
  {
    title: 'asset.groupBasic',
    fields: ['assetCode', 'name', 'categoryId', 'model', 'serialNo', 'quantity', 'status'],
  },
  {
    title: 'asset.groupFinancial',
    fields: [
      'cost',
      'residualRate',
      'residualValue',
      'lifeMonths',
      'method',
      'purchaseDate',
      'inServiceDate',
      'supplierId',
      'purchaseOrderRef',
    ],
  },
  {
    // Where the old books stopped, for cards in use before the ledger's first month.
    title: 'asset.groupOpening',
    fields: ['openingAccumulated', 'openingMonths', 'openingImpairment', 'openingPeriod'],
    when: (a) => a.openingPeriod !== null,
  },
  {
    title: 'asset.groupCustody',
    fields: ['locationId', 'departmentId', 'expenseDepartmentId', 'custodianId'],
  },
  {
    title: 'asset.groupOther',
    fields: ['warrantyEnd', 'legacyId', 'externalRef', 'notes', 'createdAt', 'updatedAt'],
  },
];

export const MONEY = new Set(['cost', 'residualValue', 'openingAccumulated', 'openingImpairment']);

/** A field's value as text; `refName` turns ids of referenced records into names. */
export function fieldText(
  field: string,
  value: unknown,
  refName?: (field: string, id: number) => string | null,
): string {
  if (value === null || value === undefined || value === '') return t('asset.empty');
  if (MONEY.has(field) && typeof value === 'number') return money(value);
  if (field === 'residualRate' && typeof value === 'number') return percent(value);
  if (field === 'status') return t(`status.${String(value)}`);
  if (field === 'method') return t(`method.${String(value)}`);
  if (field === 'lifeMonths' && typeof value === 'number') {
    return t('asset.lifeYears', { months: value, years: Math.round((value / 12) * 10) / 10 });
  }
  if (field.endsWith('Id') && typeof value === 'number' && field !== 'legacyId') {
    return refName?.(field, value) ?? `#${value}`;
  }
  return String(value);
}
