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
        // Ids only: every session hears events, and loans.overdue (permission-checked) has the details.
        payload: { date: today, count: rows.length, ids: rows.map((l) => l.id) },
      });
    }
    return rows.length;
  };
  const tick = () => {
    try {
      check();
    } catch (err) {
      // A busy database must not take the process down; the next tick tries again.
      console.error('[loans] overdue check failed', err);
    }
  };
  // The first check waits a little, so starting the app is not slowed by it.
  const first = setTimeout(tick, Math.min(everyMs, 30_000));
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return {
    check,
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
