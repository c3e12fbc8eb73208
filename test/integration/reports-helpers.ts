// Shared by the report, voucher, tax and usage tests: a two-month ledger worked out by hand, waiting for
// a job's file, and reading a produced workbook back with exceljs.
import ExcelJS from 'exceljs';
import { startLedger, yuan, type Ledger } from './depreciation-run-helpers';

export interface JobFile {
  fileName: string;
  mime: string;
  size: number;
  data?: string;
  path?: string;
  rows?: number;
}

export async function jobResult<T = JobFile>(l: Ledger, jobId: string): Promise<T> {
  const jobs = l.t.core.services.jobs;
  await jobs.idle();
  const job = jobs.get(jobId)!;
  if (job.status !== 'done') throw new Error(`job ${job.status}: ${JSON.stringify(job.error)}`);
  return job.result as T;
}

export async function readWorkbook(file: JobFile): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.data!, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** Excel 元 back to fen: must be an exact round trip. */
export const toFen = (v: unknown): number => {
  const n =
    typeof v === 'object' && v !== null && 'result' in v ? (v as { result: number }).result : (v as number);
  const f = Math.round(n * 100);
  if (Math.abs(f - n * 100) > 1e-6) throw new Error(`not a whole fen: ${n}`);
  return f;
};

/**
 * February and March 2024 posted. A: 120,000.00, 5% residual, 60 months SL, FIN: 1,900.00 a month.
 * B: 100,000.00, 4% residual, 60 months DDB, FIN: 3,333.33 a month. C: opening 36,000.00, 36 months SL,
 * OPS, in service 2023-06: 1,000.00 a month. D: 50,000.00, in service 2024-02-05, other category, OPS:
 * nothing in February, 50,000/60 = 833.33 from March.
 */
export async function twoMonthLedger() {
  const l = startLedger('2024-02-20');
  const mk = (name: string, input: Record<string, unknown>) => l.asset({ name, ...input });
  const A = mk('A', {
    cost: yuan(120_000),
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: '2024-01-15',
    expenseDepartmentId: l.deptId,
  });
  const B = mk('B', {
    cost: yuan(100_000),
    residualRate: 0.04,
    lifeMonths: 60,
    method: 'double_declining',
    inServiceDate: '2024-01-10',
    expenseDepartmentId: l.deptId,
  });
  const C = mk('C', {
    cost: yuan(36_000),
    residualRate: 0,
    lifeMonths: 36,
    method: 'straight_line',
    inServiceDate: '2023-06-20',
    expenseDepartmentId: l.otherDeptId,
  });
  const D = mk('D', {
    cost: yuan(50_000),
    residualRate: 0,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: '2024-02-05',
    categoryId: l.otherCategoryId,
    expenseDepartmentId: l.otherDeptId,
  });
  await l.post('2024-02');
  l.setToday('2024-03-28');
  await l.post('2024-03');
  return { l, A, B, C, D };
}
