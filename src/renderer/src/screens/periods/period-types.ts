// Shapes the period screens read that the contracts leave as `unknown` (a job's result).

/** The result of a depreciation posting job (jobs.get → result), as post-job.ts returns it. */
export interface PostResult {
  period: string;
  runId: number;
  assets: number;
  totalAmount: number;
  totalImpairment: number;
  /** True when the entries were already posted exactly so: nothing was written. */
  unchanged: boolean;
}
