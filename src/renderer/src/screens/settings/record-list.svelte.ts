// List state shared by the settings tabs: load, show inactive, activate/deactivate, delete with
// the IN_USE answer shown plainly, and which row the dialog edits.
import type { ApiResult } from '../../lib/api';
import { t, errorText } from '../../lib/i18n/index.svelte';
import { toasts } from '../../lib/toast.svelte';
import { inUseText } from './form-status.svelte';

interface Row {
  id: number;
  name: string;
  active: boolean;
  version: number;
}

export interface RecordApi<T extends Row> {
  /** Trees answer with all rows; paged lists with one page and the total. */
  list(includeInactive: boolean): Promise<ApiResult<T[] | { rows: T[]; total: number }>>;
  setActive(row: T, active: boolean): Promise<ApiResult<unknown>>;
  remove(row: T): Promise<ApiResult<unknown>>;
}

export class RecordList<T extends Row> {
  rows = $state<T[]>([]);
  total = $state(0);
  loading = $state(false);
  showInactive = $state(true);
  /** A problem with the last list action (delete refused, conflict), shown above the table. */
  notice = $state<string | null>(null);
  /** The row the edit dialog is open for; 'new' for create; null when closed. */
  editing = $state<T | 'new' | null>(null);
  /** The destructive action waiting for confirmation. */
  pending = $state<{ row: T; action: 'delete' | 'deactivate' } | null>(null);

  readonly api: RecordApi<T>;

  constructor(api: RecordApi<T>) {
    this.api = api;
  }

  async load() {
    this.loading = true;
    const r = await this.api.list(this.showInactive);
    this.loading = false;
    if (!r.ok) this.notice = errorText(r.error);
    else if (Array.isArray(r.data)) [this.rows, this.total] = [r.data, r.data.length];
    else [this.rows, this.total] = [r.data.rows, r.data.total];
  }

  async activate(row: T) {
    await this.finish(await this.api.setActive(row, true), row);
  }

  async confirmPending() {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    const r = p.action === 'delete' ? await this.api.remove(p.row) : await this.api.setActive(p.row, false);
    if (r.ok && p.action === 'delete') toasts.success(t('settings.deleted'));
    await this.finish(r, p.row);
  }

  private async finish(r: ApiResult<unknown>, row: T) {
    if (r.ok) this.notice = null;
    else if (r.error.code === 'IN_USE') this.notice = inUseText(r.error, row.name);
    else if (r.error.code === 'CONFLICT') this.notice = t('settings.conflict');
    else this.notice = errorText(r.error);
    await this.load();
  }
}
