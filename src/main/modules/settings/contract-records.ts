// Settings API for the flat records: custodians (people), suppliers and dictionary items.
import { z } from 'zod';
import { method } from '../../api/contract';
import { byId, id, paging, requiredText, trimmed, type Page } from '../../api/schemas';
import type { CustodianDto, Deleted, DictionaryItemDto, SupplierDto } from './contract';
import {
  code,
  dictionaryKind,
  email,
  includeInactive,
  partial,
  phone,
  sortOrder,
  taxNo,
  version,
} from './fields';

const custodianFields = {
  name: requiredText(60),
  departmentId: id.nullable(),
  phone,
  email,
};

const supplierFields = {
  name: requiredText(100),
  contact: trimmed(60),
  phone,
  email,
  address: trimmed(200),
  taxNo,
  notes: trimmed(1000),
};

const dictionaryFields = { name: requiredText(60), sortOrder };

export const recordsContract = {
  'settings.custodians.list': method<Page<CustodianDto>>()({
    input: z.object({
      /** Substring of code, name, phone or email. */
      query: trimmed(100).optional(),
      departmentId: id.optional(),
      /** With departmentId: also people of its sub-departments. */
      includeSubDepartments: z.boolean().default(true),
      includeInactive,
      ...paging,
    }),
    access: 'settings.read',
    mode: 'read',
    summary: 'Custodians (保管人, people who may or may not be users), filtered and paged, ordered by code.',
    returns: '{ rows: CustodianDto[], total }',
  }),
  'settings.custodians.get': method<CustodianDto>()({
    input: byId,
    access: 'settings.read',
    mode: 'read',
    summary: 'One custodian.',
    returns: 'CustodianDto',
  }),
  'settings.custodians.create': method<CustodianDto>()({
    input: z.object({
      code,
      ...custodianFields,
      departmentId: id.nullable().default(null),
      phone: phone.default(''),
      email: email.default(''),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Create a custodian (code unique, e.g. the employee number).',
    returns: 'CustodianDto',
  }),
  'settings.custodians.update': method<CustodianDto>()({
    input: z.object({
      id,
      version,
      code: code.optional(),
      ...partial(custodianFields),
      active: z.boolean().optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Change or deactivate a custodian (stale version → CONFLICT).',
    returns: 'CustodianDto',
  }),
  'settings.custodians.delete': method<Deleted>()({
    input: byId,
    access: 'settings.write',
    mode: 'write',
    summary:
      'Delete a custodian who holds no assets and is linked to no user; otherwise IN_USE (deactivate instead).',
    returns: '{ id }',
  }),

  'settings.suppliers.list': method<Page<SupplierDto>>()({
    input: z.object({
      /** Substring of code, name, contact, phone or tax number. */
      query: trimmed(100).optional(),
      includeInactive,
      ...paging,
    }),
    access: 'settings.read',
    mode: 'read',
    summary: 'Suppliers, filtered and paged, ordered by code.',
    returns: '{ rows: SupplierDto[], total }',
  }),
  'settings.suppliers.get': method<SupplierDto>()({
    input: byId,
    access: 'settings.read',
    mode: 'read',
    summary: 'One supplier.',
    returns: 'SupplierDto',
  }),
  'settings.suppliers.create': method<SupplierDto>()({
    input: z.object({
      code,
      name: supplierFields.name,
      contact: supplierFields.contact.default(''),
      phone: phone.default(''),
      email: email.default(''),
      address: supplierFields.address.default(''),
      taxNo: taxNo.default(''),
      notes: supplierFields.notes.default(''),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Create a supplier (code unique).',
    returns: 'SupplierDto',
  }),
  'settings.suppliers.update': method<SupplierDto>()({
    input: z.object({
      id,
      version,
      code: code.optional(),
      ...partial(supplierFields),
      active: z.boolean().optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Change or deactivate a supplier (stale version → CONFLICT).',
    returns: 'SupplierDto',
  }),
  'settings.suppliers.delete': method<Deleted>()({
    input: byId,
    access: 'settings.write',
    mode: 'write',
    summary: 'Delete a supplier no asset refers to; otherwise IN_USE (deactivate instead).',
    returns: '{ id }',
  }),

  'settings.dictionaries.list': method<DictionaryItemDto[]>()({
    input: z.object({ kind: dictionaryKind.optional(), includeInactive }),
    access: 'settings.read',
    mode: 'read',
    summary:
      'Dictionary items (kinds: unit, disposal_reason, transfer_reason, repair_reason, ...), by kind then sortOrder.',
    returns: 'DictionaryItemDto[]',
  }),
  'settings.dictionaries.get': method<DictionaryItemDto>()({
    input: byId,
    access: 'settings.read',
    mode: 'read',
    summary: 'One dictionary item.',
    returns: 'DictionaryItemDto',
  }),
  'settings.dictionaries.create': method<DictionaryItemDto>()({
    input: z.object({ kind: dictionaryKind, code, ...dictionaryFields, sortOrder: sortOrder.default(0) }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Add an item to a dictionary (code unique within its kind).',
    returns: 'DictionaryItemDto',
  }),
  'settings.dictionaries.update': method<DictionaryItemDto>()({
    input: z.object({
      id,
      version,
      code: code.optional(),
      ...partial(dictionaryFields),
      active: z.boolean().optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary: 'Rename, reorder or deactivate a dictionary item (stale version → CONFLICT). Its kind is fixed.',
    returns: 'DictionaryItemDto',
  }),
  'settings.dictionaries.delete': method<Deleted>()({
    input: byId,
    access: 'settings.write',
    mode: 'write',
    summary:
      'Delete a dictionary item. Records keep the text they were saved with, so this never breaks existing data.',
    returns: '{ id }',
  }),
};
