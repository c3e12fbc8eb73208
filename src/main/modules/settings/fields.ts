// Field rules and enumerations shared by the settings contracts (pure zod, no Node imports).
import { z } from 'zod';
import { id, requiredText, trimmed } from '../../api/schemas';
import type { LocationKind, TaxClass } from './contract';

export type { LocationKind, TaxClass };

/** Tax classes and their minimum lives in months (企业所得税法实施条例 第六十条); other: none set. */
export const TAX_CLASS_MIN_MONTHS = {
  buildings: 240,
  aircraft_trains_ships: 120,
  machinery: 120,
  tools_furniture: 60,
  vehicles: 48,
  electronics: 36,
  other: null,
} as const satisfies Record<TaxClass, number | null>;
export const TAX_CLASSES = Object.keys(TAX_CLASS_MIN_MONTHS) as [TaxClass, ...TaxClass[]];

export const LOCATION_KINDS = [
  'site',
  'building',
  'floor',
  'room',
] as const satisfies readonly LocationKind[];

/** Kinds seeded by default; custom kinds (lower-case keys) may be added by other modules. */
export const DICTIONARY_KINDS = ['unit', 'disposal_reason', 'transfer_reason', 'repair_reason'] as const;

export const code = requiredText(40);
/** Category codes appear inside asset codes: short, ASCII, scanner-safe. */
export const categoryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,10}$/, 'validation.categoryCode');
export const version = z.number().int().positive();
export const parentId = id.nullable();
export const sortOrder = z.number().int().min(-1_000_000).max(1_000_000);
export const lifeMonths = z.number().int().min(1).max(1200);
export const includeInactive = z.boolean().default(false);
export const phone = trimmed(40);
export const email = trimmed(100).refine(
  (s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  'validation.email',
);
/** 统一社会信用代码 (18) or an older tax number (15-20); empty allowed. */
export const taxNo = trimmed(20).refine(
  (s) => s === '' || /^[0-9A-Za-z]{15,20}$/.test(s),
  'validation.taxNo',
);
export const dictionaryKind = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'validation.dictionaryKind');

/** Every field optional, for update inputs. */
export function partial<T extends Record<string, z.ZodType>>(
  fields: T,
): { [K in keyof T]: z.ZodOptional<T[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = v.optional();
  return out as { [K in keyof T]: z.ZodOptional<T[K]> };
}
