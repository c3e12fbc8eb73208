// The period lock (月末结账): nothing dated in a closed month may be created, changed or deleted.
// Other modules call assertPeriodOpen for every dated fact they write.
import type { Sqlite } from '../../db/client';
import { AppError } from '../../api/errors';

export function periodIsClosed(sqlite: Sqlite, period: string): boolean {
  return (
    sqlite.prepare(`SELECT 1 FROM periods WHERE period = ? AND status = 'closed'`).get(period) !== undefined
  );
}

/** PERIOD_CLOSED when `date` ('YYYY-MM-DD', or a period 'YYYY-MM') falls in a closed period. */
export function assertPeriodOpen(sqlite: Sqlite, date: string | null | undefined): void {
  if (!date) return;
  const period = date.slice(0, 7);
  if (periodIsClosed(sqlite, period)) throw new AppError('PERIOD_CLOSED', 'errors.periodClosed', { period });
}
