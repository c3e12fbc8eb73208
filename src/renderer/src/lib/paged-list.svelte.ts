// One page of a document list (loans, transfers, change vouchers): its rows and total, whether it
// is loading, the last error, and the offset the pager moves.
import type { ApiError, ApiResult } from './api';

export type Page<T> = { rows: T[]; total: number };

export class PagedList<T> {
  rows = $state<T[]>([]);
  total = $state(0);
  loading = $state(true);
  error = $state<ApiError | null>(null);
  offset = $state(0);

  readonly limit: number;
  private readonly fetch: (offset: number, limit: number) => Promise<ApiResult<Page<T>>>;

  constructor(fetch: (offset: number, limit: number) => Promise<ApiResult<Page<T>>>, limit = 50) {
    this.fetch = fetch;
    this.limit = limit;
  }

  /** Fetches the current page; true when it came, false when the error is shown instead. */
  async load(): Promise<boolean> {
    this.loading = true;
    const r = await this.fetch(this.offset, this.limit);
    this.loading = false;
    if (!r.ok) {
      this.error = r.error;
      return false;
    }
    this.error = null;
    this.rows = r.data.rows;
    this.total = r.data.total;
    return true;
  }
}
