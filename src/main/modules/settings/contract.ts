// Base settings (基础设置) API: the DTO types the renderer imports, the shared field rules, and
// `settingsContract` (trees here, the rest in contract-records.ts and contract-system.ts).
import { z } from 'zod';
import { method } from '../../api/contract';
import { byId, depreciationMethod, id, rate, requiredText, type DepreciationMethod } from '../../api/schemas';
import type { AccountingStandard } from '../system/contract';
import {
  LOCATION_KINDS,
  TAX_CLASSES,
  categoryCode,
  code,
  includeInactive,
  lifeMonths,
  parentId,
  partial,
  sortOrder,
  version,
} from './fields';
import { recordsContract } from './contract-records';
import { systemSettingsContract } from './contract-system';

export { TAX_CLASS_MIN_MONTHS, TAX_CLASSES, LOCATION_KINDS, DICTIONARY_KINDS } from './fields';

/** Whose minimum life applies for tax (企业所得税法实施条例 第六十条): see TAX_CLASS_MIN_MONTHS. */
export type TaxClass =
  | 'buildings'
  | 'aircraft_trains_ships'
  | 'machinery'
  | 'tools_furniture'
  | 'vehicles'
  | 'electronics'
  | 'other';
export type LocationKind = 'site' | 'building' | 'floor' | 'room';

/** Fields every tree node carries in a list: its place in the tree. */
export interface TreePlace {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  sortOrder: number;
  /** The node's own flag; deactivate with update({ active: false }). */
  active: boolean;
  /** False when the node or any ancestor is inactive (pickers hide these). */
  effectiveActive: boolean;
  /** Names from the root down to this node. */
  path: string[];
  /** path.join(' / ') */
  pathName: string;
  depth: number;
  /** Assets pointing at this node directly (not its descendants). */
  assetCount: number;
  version: number;
  updatedAt: string;
}

export interface CategoryDto extends TreePlace {
  lifeMonths: number;
  /** Fraction, e.g. 0.05. */
  residualRate: number;
  method: DepreciationMethod;
  taxClass: TaxClass;
}

export interface LocationDto extends TreePlace {
  kind: LocationKind;
}

export interface DepartmentDto extends TreePlace {
  headUserId: number | null;
  headUserName: string | null;
}

export interface CustodianDto {
  id: number;
  code: string;
  name: string;
  departmentId: number | null;
  /** Path name of the department, e.g. "生产部 / 一车间". */
  departmentName: string | null;
  phone: string;
  email: string;
  active: boolean;
  assetCount: number;
  version: number;
  updatedAt: string;
}

export interface SupplierDto {
  id: number;
  code: string;
  name: string;
  contact: string;
  phone: string;
  email: string;
  address: string;
  taxNo: string;
  notes: string;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface DictionaryItemDto {
  id: number;
  kind: string;
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
  version: number;
}

export interface CompanyProfile {
  name: string;
  taxNo: string;
  address: string;
  phone: string;
  contact: string;
  /** Chosen at first-run setup; read-only here. */
  accountingStandard: AccountingStandard | null;
  /** First ledger month (YYYY-MM), chosen at setup; read-only here. */
  firstPeriod: string | null;
  version: number;
}

export interface CodeRule {
  pattern: string;
  defaultPattern: string;
  /** The pattern rendered for today and a sample category, sequence 1. */
  example: string;
  version: number;
}

export interface NetworkSettings {
  lanAccess: boolean;
  version: number;
}

export interface NetworkUpdateResult extends NetworkSettings {
  /** Always true: the browser shell binds its address at start. */
  restartRequired: true;
  /** i18n key telling the user the change applies at the next start. */
  message: string;
}

export interface Deleted {
  id: number;
}

const treeList = z.object({
  /** Also list inactive nodes and nodes under an inactive ancestor (the settings screen does). */
  includeInactive,
});

const categoryFields = {
  name: requiredText(100),
  lifeMonths,
  residualRate: rate,
  method: depreciationMethod,
  taxClass: z.enum(TAX_CLASSES),
  sortOrder,
};

const locationFields = { name: requiredText(100), kind: z.enum(LOCATION_KINDS), sortOrder };
const departmentFields = { name: requiredText(100), headUserId: id.nullable(), sortOrder };

const R_LIST = 'flat list in tree order, each with parentId, path, pathName, depth';

export const treesContract = {
  'settings.categories.list': method<CategoryDto[]>()({
    input: treeList,
    access: 'settings.read',
    mode: 'read',
    summary: 'The asset category tree as a flat list in depth-first order, with path names and asset counts.',
    returns: `CategoryDto[] (${R_LIST})`,
  }),
  'settings.categories.get': method<CategoryDto>()({
    input: byId,
    access: 'settings.read',
    mode: 'read',
    summary: 'One category.',
    returns: 'CategoryDto',
  }),
  'settings.categories.create': method<CategoryDto>()({
    input: z.object({
      code: categoryCode,
      parentId: parentId.default(null),
      ...categoryFields,
      // Omitted depreciation defaults are inherited from the parent category.
      lifeMonths: lifeMonths.optional(),
      residualRate: rate.optional(),
      method: depreciationMethod.optional(),
      taxClass: z.enum(TAX_CLASSES).optional(),
      sortOrder: sortOrder.default(0),
    }),
    access: 'settings.write',
    mode: 'write',
    summary:
      'Create a category (code: ASCII [A-Za-z0-9_-], ≤ 10 chars, unique; it appears in asset codes). Omitted lifeMonths, residualRate, method and taxClass are taken from the parent; a root needs lifeMonths.',
    returns: 'CategoryDto',
  }),
  'settings.categories.update': method<CategoryDto>()({
    input: z.object({
      id,
      version,
      code: categoryCode.optional(),
      parentId: parentId.optional(),
      ...partial(categoryFields),
      active: z.boolean().optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary:
      'Change a category (stale version → CONFLICT); active:false deactivates it; moving it under its own descendant → VALIDATION. Existing assets keep their own depreciation fields.',
    returns: 'CategoryDto',
  }),
  'settings.categories.delete': method<Deleted>()({
    input: byId,
    access: 'settings.write',
    mode: 'write',
    summary: 'Delete an unused category; one with sub-categories or assets → IN_USE (deactivate it instead).',
    returns: '{ id }',
  }),

  'settings.locations.list': method<LocationDto[]>()({
    input: treeList,
    access: 'settings.read',
    mode: 'read',
    summary: 'The location tree (site / building / floor / room) as a flat list in depth-first order.',
    returns: `LocationDto[] (${R_LIST})`,
  }),
  'settings.locations.get': method<LocationDto>()({
    input: byId,
    access: 'settings.read',
    mode: 'read',
    summary: 'One location.',
    returns: 'LocationDto',
  }),
  'settings.locations.create': method<LocationDto>()({
    input: z.object({
      code,
      parentId: parentId.default(null),
      ...locationFields,
      sortOrder: sortOrder.default(0),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Create a location of kind site, building, floor or room (code unique).',
    returns: 'LocationDto',
  }),
  'settings.locations.update': method<LocationDto>()({
    input: z.object({
      id,
      version,
      code: code.optional(),
      parentId: parentId.optional(),
      ...partial(locationFields),
      active: z.boolean().optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Change, move or deactivate a location (stale version → CONFLICT; cycle → VALIDATION).',
    returns: 'LocationDto',
  }),
  'settings.locations.delete': method<Deleted>()({
    input: byId,
    access: 'settings.write',
    mode: 'write',
    summary: 'Delete an unused location; one with sub-locations or assets → IN_USE.',
    returns: '{ id }',
  }),

  'settings.departments.list': method<DepartmentDto[]>()({
    input: treeList,
    access: 'settings.read',
    mode: 'read',
    summary: 'The department tree as a flat list in depth-first order, with each head’s name.',
    returns: `DepartmentDto[] (${R_LIST})`,
  }),
  'settings.departments.get': method<DepartmentDto>()({
    input: byId,
    access: 'settings.read',
    mode: 'read',
    summary: 'One department.',
    returns: 'DepartmentDto',
  }),
  'settings.departments.create': method<DepartmentDto>()({
    input: z.object({
      code,
      parentId: parentId.default(null),
      ...departmentFields,
      headUserId: id.nullable().default(null),
      sortOrder: sortOrder.default(0),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Create a department, optionally with its head (a user id, used by approval chains).',
    returns: 'DepartmentDto',
  }),
  'settings.departments.update': method<DepartmentDto>()({
    input: z.object({
      id,
      version,
      code: code.optional(),
      parentId: parentId.optional(),
      ...partial(departmentFields),
      active: z.boolean().optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Change, move or deactivate a department (stale version → CONFLICT; cycle → VALIDATION).',
    returns: 'DepartmentDto',
  }),
  'settings.departments.delete': method<Deleted>()({
    input: byId,
    access: 'settings.write',
    mode: 'write',
    summary: 'Delete an unused department; one with sub-departments, assets, custodians or users → IN_USE.',
    returns: '{ id }',
  }),
};

export const settingsContract = {
  ...treesContract,
  ...recordsContract,
  ...systemSettingsContract,
};
