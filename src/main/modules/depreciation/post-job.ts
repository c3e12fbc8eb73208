// Posting a period as a job: the computation runs in chunks with progress events, then every write goes
// into one synchronous transaction (no await inside it). If the ledger moved while computing, the
// transaction recomputes from what it sees, so the entries always match the committed ledger.
import type { CoreServices } from '../../api/context';
import { AppError } from '../../api/errors';
import type { Source } from '../../api/session';
import type { JobContext } from '../../jobs/jobs';
import { appendAudit } from '../audit/audit-log';
import { localPeriod } from '../../util/dates';
import { assertPostable, ledgerMarker, PeriodComputation, writePosting, type PostResult } from './run';

export interface PostRequest {
  period: string;
  userId: number | null;
  username: string;
  source: Source;
}

const CHUNK = 10_000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function postPeriodJob(
  core: CoreServices,
  req: PostRequest,
  job: JobContext,
): Promise<PostResult> {
  const { sqlite } = core;
  const marker = ledgerMarker(sqlite);
  const comp = new PeriodComputation(sqlite, req.period);
  job.progress(0.05, 'depreciation.computing');
  while (!comp.done) {
    if (job.signal.aborted) throw new AppError('CANCELLED', 'errors.cancelled');
    comp.step(CHUNK);
    job.progress(0.05 + 0.85 * comp.fraction, 'depreciation.computing');
    await tick();
  }
  if (job.signal.aborted) throw new AppError('CANCELLED', 'errors.cancelled');
  job.progress(0.9, 'depreciation.writing');
  const now = core.now();
  const result = sqlite
    .transaction(() => {
      assertPostable(sqlite, req.period, localPeriod(now));
      const entries =
        ledgerMarker(sqlite) === marker ? comp.entries : PeriodComputation.all(sqlite, req.period);
      const r = writePosting(sqlite, req.period, entries, req.userId, now.toISOString());
      appendAudit(sqlite, {
        at: now.toISOString(),
        userId: req.userId,
        username: req.username,
        source: req.source,
        action: 'depreciation.post',
        entity: 'depreciation_run',
        entityId: r.runId,
        details: {
          period: r.period,
          assets: r.assets,
          totalAmount: r.totalAmount,
          totalImpairment: r.totalImpairment,
          unchanged: r.unchanged,
        },
      });
      return r;
    })
    .immediate();
  core.events.emit({ type: 'depreciation.posted', payload: result });
  return result;
}
