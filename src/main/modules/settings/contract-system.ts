// Settings API for single values: company profile, asset code rule, LAN access.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, id, requiredText, trimmed } from '../../api/schemas';
import type { CodeRule, CompanyProfile, NetworkSettings, NetworkUpdateResult } from './contract';
import { categoryCode, phone, taxNo } from './fields';

/** Settings rows may not exist yet (version 0 = never saved). */
const settingVersion = z.number().int().min(0);

export const systemSettingsContract = {
  'settings.company.get': method<CompanyProfile>()({
    input: z.object({}),
    access: 'settings.read',
    mode: 'read',
    summary: 'The company profile, with the accounting standard and first ledger month chosen at setup.',
    returns: 'CompanyProfile',
  }),
  'settings.company.update': method<CompanyProfile>()({
    input: z.object({
      version: settingVersion,
      name: requiredText(100).optional(),
      taxNo: taxNo.optional(),
      address: trimmed(200).optional(),
      phone: phone.optional(),
      contact: trimmed(60).optional(),
    }),
    access: 'settings.write',
    mode: 'write',
    summary:
      'Change the company profile (stale version → CONFLICT). The accounting standard and first ledger month cannot be changed after setup.',
    returns: 'CompanyProfile',
  }),
  'settings.codeRule.get': method<CodeRule>()({
    input: z.object({}),
    access: 'settings.read',
    mode: 'read',
    summary: 'The asset code pattern in force, the default, and an example code.',
    returns: 'CodeRule',
  }),
  'settings.codeRule.update': method<CodeRule>()({
    input: z.object({ version: settingVersion, pattern: z.string().trim().max(200) }),
    access: 'settings.write',
    mode: 'write',
    summary:
      'Set the asset code pattern: literal [A-Za-z0-9._/-], {YYYY} {YY} {MM} {DD} {YYYYMM} {YYYYMMDD}, {CAT}, and exactly one {SEQn} (n = 1..12). The sequence restarts for each distinct rendered prefix/suffix (e.g. per month and category) and never reuses a number. Invalid → VALIDATION on path pattern.',
    returns: 'CodeRule',
  }),
  'settings.codeRule.preview': method<{ code: string }>()({
    input: z.object({
      pattern: z.string().trim().max(200),
      /** Defaults to today. */
      date: dateStr.optional(),
      /** A category to take the code from; else categoryCode, else a sample code. */
      categoryId: id.optional(),
      categoryCode: categoryCode.optional(),
      seq: z.number().int().min(1).max(1e12).default(1),
    }),
    access: 'settings.read',
    mode: 'read',
    summary: 'What a pattern would produce, without saving it or taking a number. Invalid → VALIDATION.',
    returns: '{ code }',
  }),
  'settings.network.get': method<NetworkSettings>()({
    input: z.object({}),
    access: 'system.manage',
    mode: 'read',
    summary: 'Whether the browser shell accepts connections from the office LAN (else 127.0.0.1 only).',
    returns: 'NetworkSettings',
  }),
  'settings.network.update': method<NetworkUpdateResult>()({
    input: z.object({ version: settingVersion, lanAccess: z.boolean() }),
    access: 'system.manage',
    mode: 'write',
    summary: 'Turn LAN access on or off. Takes effect at the next start of the app (restartRequired: true).',
    returns: '{ lanAccess, version, restartRequired: true, message }',
  }),
};
