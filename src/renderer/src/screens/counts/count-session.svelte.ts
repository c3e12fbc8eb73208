// One count as its screen sees it: the count with live progress per area, the counter's scan feed
// (read back from the core, so a reload or another station's scanner loses nothing), and the detail
// rows paged from the server for the reconciliation table. Kept fresh by the core's events.
import type {
  AreaProgress,
  CountDetailDto,
  CountDto,
  CountResult,
  CountScanLogRow,
} from '../../../../main/modules/counts/contract';
import type { ScanDto } from '../../../../main/modules/scans/contract';
import { call, onEvent, type ApiError } from '../../lib/api';

/**
 * The station a browser tab counts as when its count is not activated here: its own, so its room is its
 * own (browsers otherwise share 'local', the station whose devices feed an activated count).
 */
export function tabStation(): string {
  const KEY = 'fams.count.station';
  let s = sessionStorage.getItem(KEY);
  if (!s) {
    s = `web-${Math.random().toString(36).slice(2, 10)}`;
    sessionStorage.setItem(KEY, s);
  }
  return s;
}

const PAGE = 100;
const FEED = 30;

export interface DetailFilter {
  result: CountResult | '';
  /** Only rows whose result is not matched. */
  onlyDifferences: boolean;
  q: string;
}

export class CountSession {
  count = $state.raw<CountDto | null>(null);
  showsExpected = $state(true);
  progress = $state.raw<AreaProgress[]>([]);
  feed = $state.raw<CountScanLogRow[]>([]);
  error = $state<ApiError | null>(null);
  /** The room this station counts in (chosen here, or by scanning a room label). */
  room = $state<number | null>(null);

  filter = $state<DetailFilter>({ result: '', onlyDifferences: true, q: '' });
  total = $state(0);
  /** Detail rows by position; filled page by page as the table scrolls. */
  rows = $state.raw<(CountDetailDto | undefined)[]>([]);
  loadingRows = $state(false);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- which pages were asked for; never rendered
  #pages = new Set<number>();
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly id: number) {}

  /** Listens to the core while the screen is open; returns the stop function for $effect. */
  listen(onCountScan: (row: CountScanLogRow, userId: number | null) => void): () => void {
    return onEvent((e) => {
      if (e.type === 'scan') {
        const s = e.payload as ScanDto;
        if (s.target === 'count' && s.targetId === this.id) void this.#heard(s, onCountScan);
      } else if (e.type === 'counts.scan') {
        const p = e.payload as { countId: number; scanId: number | null };
        if (p.countId === this.id) this.refreshSoon();
      } else if (e.type === 'counts.changed') {
        if ((e.payload as { id: number }).id === this.id) this.refreshSoon();
      }
    });
  }

  /** A device-layer scan went into this count: find what it became, then refresh the figures. */
  async #heard(scan: ScanDto, onCountScan: (row: CountScanLogRow, userId: number | null) => void) {
    const r = await call('counts.scans', { countId: this.id, scanIds: [scan.id], limit: 1 });
    if (r.ok && r.data.rows[0]) {
      const row = r.data.rows[0];
      onCountScan(row, scan.userId);
    }
    this.refreshSoon();
  }

  async load(): Promise<void> {
    const r = await call('counts.get', { id: this.id, limit: 1 });
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.error = null;
    this.count = r.data.count;
    this.showsExpected = r.data.showsExpected;
    this.progress = r.data.progress;
  }

  async loadFeed(): Promise<void> {
    const r = await call('counts.scans', { countId: this.id, limit: FEED });
    if (r.ok) this.feed = r.data.rows;
  }

  /** Many scans in a burst (an RFID sweep) refresh the figures once. */
  refreshSoon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.load();
      void this.loadFeed();
      this.reloadRows();
    }, 150);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  // ------------------------------------------------------------------ detail rows (paged)
  reloadRows(): void {
    this.#generation++;
    this.#pages.clear();
    this.rows = [];
    void this.#page(0);
  }

  /** The table asks for the rows in view. */
  range(start: number, end: number): void {
    for (let p = Math.floor(start / PAGE); p * PAGE < end; p++) void this.#page(p);
  }

  async #page(p: number) {
    if (this.#pages.has(p)) return;
    this.#pages.add(p);
    const gen = this.#generation;
    const f = this.filter;
    this.loadingRows = true;
    const r = await call('counts.get', {
      id: this.id,
      offset: p * PAGE,
      limit: PAGE,
      result: f.result || undefined,
      onlyDifferences: f.onlyDifferences && !f.result,
      q: f.q.trim() || undefined,
    });
    this.loadingRows = false;
    if (gen !== this.#generation) return;
    if (!r.ok) {
      this.#pages.delete(p);
      this.error = r.error;
      return;
    }
    this.total = r.data.details.total;
    const next =
      this.rows.length === this.total
        ? [...this.rows]
        : Array.from({ length: this.total }, (_, i) => this.rows[i]);
    r.data.details.rows.forEach((row, i) => (next[p * PAGE + i] = row));
    this.rows = next;
  }

  /** Puts a changed row in place without reloading the page. */
  replaceRow(row: CountDetailDto): void {
    const i = this.rows.findIndex((x) => x?.id === row.id);
    if (i < 0) return;
    const next = [...this.rows];
    next[i] = row;
    this.rows = next;
  }
}
