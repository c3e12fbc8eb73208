// The ledger list's state: search, filters, sort, columns, selection, scroll and the pages fetched
// from the server. One instance lives for the whole session, so leaving for an asset's detail and
// coming back finds the list exactly as it was.
import type { AssetDto, AssetListQuery } from '../../../../main/modules/assets/contract';
import type { AssetStatus } from '../../../../main/modules/assets/statuses';
import { call, onEvent, type ApiError } from '../../lib/api';
import type { SortKey } from '../../components/types';

export const PAGE_SIZE = 50;
const COLUMNS_KEY = 'fams.ledger.columns';

/** Every column the ledger can show, in display order; the chooser toggles them. */
export const LEDGER_COLUMNS = [
  'assetCode',
  'name',
  'categoryName',
  'model',
  'serialNo',
  'status',
  'cost',
  'inServiceDate',
  'purchaseDate',
  'locationName',
  'departmentName',
  'custodianName',
  'supplierName',
  'quantity',
  'warrantyEnd',
  'updatedAt',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

const DEFAULT_COLUMNS: LedgerColumn[] = [
  'assetCode',
  'name',
  'categoryName',
  'model',
  'status',
  'cost',
  'inServiceDate',
  'locationName',
  'departmentName',
  'custodianName',
];

export interface LedgerFilters {
  status: AssetStatus[];
  categoryId: number | null;
  locationId: number | null;
  departmentId: number | null;
  custodianId: number | null;
  custodianLabel: string | null;
  inServiceFrom: string;
  inServiceTo: string;
  costMin: number | null;
  costMax: number | null;
}

const emptyFilters = (): LedgerFilters => ({
  status: [],
  categoryId: null,
  locationId: null,
  departmentId: null,
  custodianId: null,
  custodianLabel: null,
  inServiceFrom: '',
  inServiceTo: '',
  costMin: null,
  costMax: null,
});

function loadColumns(): LedgerColumn[] {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) {
      const cols = LEDGER_COLUMNS.filter((c) => saved.includes(c));
      if (cols.length) return cols;
    }
  } catch {
    /* a damaged setting falls back to the default columns */
  }
  return [...DEFAULT_COLUMNS];
}

class LedgerState {
  /** What the user typed; `appliedQuery` follows it after a short pause. */
  query = $state('');
  appliedQuery = $state('');
  filters = $state<LedgerFilters>(emptyFilters());
  sort = $state<SortKey[]>([]);
  columns = $state<LedgerColumn[]>(loadColumns());
  selected = $state.raw<Set<number>>(new Set());
  scrollTop = $state(0);

  total = $state(0);
  /** Pages by index; replaced whole so the table re-renders once per page. */
  pages = $state.raw<Record<number, AssetDto[]>>({});
  loading = $state(false);
  error = $state<ApiError | null>(null);
  /** Milliseconds from a (re)load to its first page, for the footer and the speed check. */
  firstPageMs = $state<number | null>(null);

  #generation = 0;
  #pending = new Set<number>();
  #range: [number, number] = [0, PAGE_SIZE];
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #started = false;

  /** Starts the list once per session and follows changes made anywhere (this window or others). */
  start() {
    if (this.#started) {
      void this.refresh();
      return;
    }
    this.#started = true;
    onEvent((e) => {
      if (e.type === 'assets.changed') void this.refresh();
    });
    this.reload();
  }

  listInput(offset: number): AssetListQuery {
    const f = this.filters;
    const filters: AssetListQuery['filters'] = {};
    if (f.status.length) filters.status = [...f.status];
    if (f.categoryId) filters.categoryId = f.categoryId;
    if (f.locationId) filters.locationId = f.locationId;
    if (f.departmentId) filters.departmentId = f.departmentId;
    if (f.custodianId) filters.custodianId = f.custodianId;
    if (f.inServiceFrom) filters.inServiceFrom = f.inServiceFrom;
    if (f.inServiceTo) filters.inServiceTo = f.inServiceTo;
    if (f.costMin !== null) filters.costMin = f.costMin;
    if (f.costMax !== null) filters.costMax = f.costMax;
    return {
      query: this.appliedQuery.trim() || undefined,
      filters,
      sort: this.sort.map((s) => ({ field: s.field as AssetListQuery['sort'][number]['field'], dir: s.dir })),
      offset,
      limit: PAGE_SIZE,
    };
  }

  setQuery(text: string) {
    this.query = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      if (this.appliedQuery === this.query) return;
      this.appliedQuery = this.query;
      this.reload();
    }, 250);
  }

  setFilters(patch: Partial<LedgerFilters>) {
    this.filters = { ...this.filters, ...patch };
    this.reload();
  }

  resetFilters() {
    this.filters = emptyFilters();
    this.query = '';
    this.appliedQuery = '';
    this.reload();
  }

  setSort(sort: SortKey[]) {
    this.sort = sort;
    this.reload();
  }

  setColumns(cols: LedgerColumn[]) {
    this.columns = LEDGER_COLUMNS.filter((c) => cols.includes(c));
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(this.columns));
  }

  /** A new question (search, filter, sort): back to the top, selection cleared. */
  reload() {
    this.#generation++;
    this.#pending.clear();
    this.pages = {};
    this.selected = new Set();
    this.scrollTop = 0;
    this.#range = [0, PAGE_SIZE];
    this.firstPageMs = null;
    void this.#fetchPage(0, this.#generation, performance.now());
  }

  /** Same question, fresh answers (after a change): re-fetch the pages in view, keep the scroll. */
  async refresh() {
    const gen = ++this.#generation;
    this.#pending.clear();
    const [a, b] = this.#range;
    const first = Math.floor(a / PAGE_SIZE);
    const last = Math.floor(Math.max(a, b - 1) / PAGE_SIZE);
    const fresh: Record<number, AssetDto[]> = {};
    for (let p = first; p <= last; p++) {
      const r = await call('assets.list', this.listInput(p * PAGE_SIZE));
      if (gen !== this.#generation) return;
      if (!r.ok) {
        this.error = r.error;
        return;
      }
      this.total = r.data.total;
      fresh[p] = r.data.rows;
    }
    this.pages = fresh;
  }

  /** The table's window moved: fetch the pages it shows that are not here yet. */
  ensure(start: number, end: number) {
    this.#range = [start, end];
    if (end <= start) return;
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor((end - 1) / PAGE_SIZE);
    for (let p = first; p <= last; p++) {
      if (!this.pages[p] && !this.#pending.has(p)) void this.#fetchPage(p, this.#generation);
    }
  }

  rowAt(i: number): AssetDto | undefined {
    return this.pages[Math.floor(i / PAGE_SIZE)]?.[i % PAGE_SIZE];
  }

  async #fetchPage(page: number, gen: number, t0?: number) {
    this.#pending.add(page);
    this.loading = true;
    const r = await call('assets.list', this.listInput(page * PAGE_SIZE));
    if (gen !== this.#generation) return; // an older question; its answer no longer matters
    this.#pending.delete(page);
    this.loading = this.#pending.size > 0;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.error = null;
    this.total = r.data.total;
    this.pages = { ...this.pages, [page]: r.data.rows };
    if (t0 !== undefined) this.firstPageMs = Math.round(performance.now() - t0);
  }

  /** Sum of cost over one loaded page, exact in fen. */
  pageCost(page: number): number | null {
    const rows = this.pages[page];
    return rows ? rows.reduce((s, r) => s + r.cost, 0) : null;
  }
}

export const ledger = new LedgerState();
