// Account mapping (科目映射) and accounting vouchers (凭证) API.
import { z } from 'zod';
import { method } from '../../api/contract';
import { id, periodStr } from '../../api/schemas';
import { ACCOUNT_KEYS, DISPOSAL_LOSS_TO, EXPENSE_KEYS, type AccountMapping } from './mapping';
import type { VoucherDto } from './generate';

const account = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.\-_]{1,20}$/, 'validation.accountCode'),
  name: z.string().trim().min(1, 'validation.required').max(40),
});
const expenseKey = z.enum(EXPENSE_KEYS);

export const vouchersContract = {
  'accounts.mapping.get': method<AccountMapping>()({
    input: z.object({}),
    access: ['reports.read', 'accounts.manage'],
    mode: 'read',
    summary:
      'The account mapping (科目映射): account code and name per key (expense_admin 6602 管理费用, expense_manufacturing 5101 制造费用, expense_selling 6601 销售费用, expense_rd 5301 研发支出, accumulated_depreciation 1602, fixed_assets 1601, disposal 1606, impairment 1603, disposal_gain 6115, non_operating_income 6301, non_operating_loss 6711, bank 1002; under 小企业会计准则 the defaults follow its chart: 5602, 4101, 5601, 4301, 5301, 5711), whether expenses follow the expense department or the category, the per-department/category expense account, the default, where disposal gains and losses go (standard: by the accounting standard and disposal kind), and the voucher word.',
    returns:
      'AccountMapping { accounts: Record<key, { code, name }>, expenseBy, defaultExpense, departments: Record<id, expenseKey>, categories: Record<id, expenseKey>, disposalLossTo, voucherWord, version }',
  }),
  'accounts.mapping.update': method<AccountMapping>()({
    input: z.object({
      accounts: z.partialRecord(z.enum(ACCOUNT_KEYS), account).optional(),
      expenseBy: z.enum(['department', 'category']).optional(),
      defaultExpense: expenseKey.optional(),
      departments: z.record(z.string().regex(/^\d+$/), expenseKey).optional(),
      categories: z.record(z.string().regex(/^\d+$/), expenseKey).optional(),
      disposalLossTo: z.enum(DISPOSAL_LOSS_TO).optional(),
      voucherWord: z.string().trim().min(1, 'validation.required').max(4).optional(),
      version: z.number().int().min(0),
    }),
    access: 'accounts.manage',
    mode: 'write',
    summary:
      'Changes the account mapping (fields given replace the stored ones; departments/categories replace their whole maps). CONFLICT when the version read is stale (0 before the first save).',
    returns: 'AccountMapping',
  }),
  'vouchers.generate': method<VoucherDto>()({
    input: z.object({ period: periodStr }),
    access: 'vouchers.manage',
    mode: 'write',
    summary:
      'The depreciation voucher of a posted, open period: one debit line per expense account (mapped from the expense department or category) and one credit to 累计折旧, each with the assets behind it; numbered per period and voucher word. Generating again (after a re-post or a mapping change) rebuilds it and keeps its number.',
    returns: 'VoucherDto with lines',
  }),
  'vouchers.list': method<VoucherDto[]>()({
    input: z.object({
      from: periodStr.optional(),
      to: periodStr.optional(),
      kind: z.enum(['depreciation', 'disposal']).optional(),
    }),
    access: 'reports.read',
    mode: 'read',
    summary:
      'Vouchers, newest period first then by word and number, optionally within a period range and of one kind: depreciation (one per posted period, from vouchers.generate) or disposal (one per approved disposal, written in the approval’s transaction, dated the disposal date).',
    returns:
      'VoucherDto[] { id, period, kind, word, number, voucherDate, summary, totalDebit, totalCredit, runId, documentId, documentNumber, createdAt, updatedAt, version }',
  }),
  'vouchers.get': method<VoucherDto>()({
    input: z.object({ id, assetsLimit: z.number().int().min(0).max(5000).default(100) }),
    access: 'reports.read',
    mode: 'read',
    summary:
      'A voucher with its lines and, per line, its asset count and the first assetsLimit assets behind it.',
    returns:
      'VoucherDto & { lines: [{ id, lineNo, summary, accountCode, accountName, debit, credit, assetCount, assets: [{ assetId, assetCode, assetName, amount }] }] }',
  }),
  'vouchers.export': method<{ jobId: string }>()({
    input: z.object({ ids: z.array(id).min(1).max(240) }),
    access: 'reports.read',
    mode: 'read',
    summary:
      'Vouchers to .xlsx in the generic import layout of docs/voucher-layout.md (sheet 凭证: 凭证日期, 凭证字, 凭证号, 摘要, 科目编码, 科目名称, 借方金额, 贷方金额, 附件数, 辅助核算) plus a sheet 凭证资产明细 with the assets behind each line, as a job.',
    returns: '{ jobId } — the job’s result is IoFile { fileName, mime, size, path, data, rows }',
  }),
};
