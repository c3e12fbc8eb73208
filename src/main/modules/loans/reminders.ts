// The daily overdue check: once per local day (at start and then when the date changes) the core
// announces the loans out past their due date as a 'loans.overdue' event, for reminders.
import type { CoreServices } from '../../api/context';
import { localDate } from '../../util/dates';
import { overdueLoans } from './loans';

export interface LoanReminders {
  /** Runs the check now if today has not been checked yet; returns how many loans were overdue. */
  check(): number | null;
  stop(): void;
}

export function startLoanReminders(services: CoreServices, everyMs = 15 * 60_000): LoanReminders {
  let lastDay = '';
  const check = (): number | null => {
    const today = localDate(services.now());
    if (today === lastDay) return null;
    lastDay = today;
    const rows = overdueLoans(services.sqlite, today);
    if (rows.length) {
      services.events.emit({
        type: 'loans.overdue',
        payload: {
          date: today,
          count: rows.length,
          loans: rows.map((l) => ({
            id: l.id,
            number: l.number,
            assetCode: l.assetCode,
            assetName: l.assetName,
            borrowerName: l.borrowerName,
            dueDate: l.dueDate,
            daysOverdue: l.daysOverdue,
          })),
        },
      });
    }
    return rows.length;
  };
  const timer = setInterval(() => {
    try {
      check();
    } catch (err) {
      // A closed or busy database must not take the process down; the next tick tries again.
      console.error('[loans] overdue check failed', err);
    }
  }, everyMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
