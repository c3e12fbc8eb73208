// The movement summary (增减变动表) of a posted period by category, from the posted entries alone:
// opening NBV + additions − reductions − depreciation − impairment = closing NBV, to the fen. Closing a
// period requires it to hold; it fails when entries do not follow from each other (a fen lost anywhere,
// an entry edited behind the app's back, a month restated).
import type { Sqlite } from '../../db/client';
import { BOOK } from '../depreciation/ledger-month';
import { prevPeriod } from '../depreciation/run';

export interface MovementLine {
  categoryId: number;
  categoryName: string;
  opening: number;
  additions: number;
  reductions: number;
  depreciation: number;
  impairment: number;
  closing: number;
  /** opening + additions − reductions − depreciation − impairment − closing; 0 when it reconciles. */
  difference: number;
}

interface Row {
  asset_id: number;
  in_service_date: string | null;
  c_cat: number | null;
  c_cost: number | null;
  c_amount: number | null;
  c_imp_charge: number | null;
  c_nbv: number | null;
  c_disposed: number | null;
  p_cat: number | null;
  p_cost: number | null;
  p_nbv: number | null;
  p_disposed: number | null;
}

export function movementSummary(sqlite: Sqlite, period: string): MovementLine[] {
  const prev = prevPeriod(period);
  // An asset without a previous entry is an opening balance in the ledger's first posted month when it was
  // in service before it; otherwise an addition.
  const firstPosted =
    sqlite
      .prepare(`SELECT 1 FROM depreciation_runs WHERE period = ? AND book = ? AND status = 'posted'`)
      .get(prev, BOOK) === undefined;
  const rows = sqlite
    .prepare(
      `SELECT c.asset_id, a.in_service_date, c.category_id AS c_cat, c.cost AS c_cost, c.amount AS c_amount,
         c.impairment_charge AS c_imp_charge, c.nbv AS c_nbv, c.disposed AS c_disposed,
         p.category_id AS p_cat, p.cost AS p_cost, p.nbv AS p_nbv, p.disposed AS p_disposed
       FROM depreciation_entries c
       JOIN assets a ON a.id = c.asset_id
       LEFT JOIN depreciation_entries p ON p.period = @prev AND p.book = c.book AND p.asset_id = c.asset_id
       WHERE c.period = @period AND c.book = @book
       UNION ALL
       SELECT p.asset_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.category_id, p.cost, p.nbv, p.disposed
       FROM depreciation_entries p
       WHERE p.period = @prev AND p.book = @book AND NOT EXISTS
         (SELECT 1 FROM depreciation_entries c WHERE c.period = @period AND c.book = @book AND c.asset_id = p.asset_id)`,
    )
    .all({ period, prev, book: BOOK }) as Row[];

  const lines = new Map<number, MovementLine>();
  const line = (cat: number) => {
    let l = lines.get(cat);
    if (!l) {
      l = {
        categoryId: cat,
        categoryName: '',
        opening: 0,
        additions: 0,
        reductions: 0,
        depreciation: 0,
        impairment: 0,
        closing: 0,
        difference: 0,
      };
      lines.set(cat, l);
    }
    return l;
  };
  for (const r of rows) {
    const hasPrev = r.p_cat !== null && r.p_disposed === 0;
    if (hasPrev) line(r.p_cat!).opening += r.p_nbv!;
    if (r.c_cat === null) {
      if (hasPrev) line(r.p_cat!).reductions += r.p_nbv!; // left the books without a disposal month
      continue;
    }
    const cur = line(r.c_cat);
    const startNbv = r.c_nbv! + r.c_amount! + r.c_imp_charge!;
    if (hasPrev && r.p_cat === r.c_cat) {
      const delta = r.c_cost! - r.p_cost!; // a cost change (变动单) adds to or reduces the original value
      if (delta > 0) cur.additions += delta;
      else cur.reductions -= delta;
    } else if (hasPrev) {
      line(r.p_cat!).reductions += r.p_nbv!;
      cur.additions += startNbv;
    } else if (firstPosted && r.in_service_date !== null && r.in_service_date.slice(0, 7) < period) {
      cur.opening += startNbv;
    } else {
      cur.additions += startNbv;
    }
    cur.depreciation += r.c_amount!;
    cur.impairment += r.c_imp_charge!;
    if (r.c_disposed) cur.reductions += r.c_nbv!;
    else cur.closing += r.c_nbv!;
  }
  const name = sqlite.prepare('SELECT name FROM categories WHERE id = ?').pluck();
  const out = [...lines.values()].sort((a, b) => a.categoryId - b.categoryId);
  for (const l of out) {
    l.categoryName = (name.get(l.categoryId) as string | undefined) ?? '';
    l.difference = l.opening + l.additions - l.reductions - l.depreciation - l.impairment - l.closing;
  }
  return out;
}
