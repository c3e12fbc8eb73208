// The outcome of a form's last save: busy flag, the API error, problems by field, conflict.
import type { ApiError, ApiResult } from '../../lib/api';
import { fieldProblems, t } from '../../lib/i18n/index.svelte';

export class FormStatus {
  busy = $state(false);
  error = $state<ApiError | null>(null);
  /** Translated problems keyed by input path, for FieldError under each field. */
  problems = $derived(fieldProblems(this.error));
  conflict = $derived(this.error?.code === 'CONFLICT');

  reset() {
    this.error = null;
    this.busy = false;
  }

  /** Runs one API call; returns its data or null (the error is kept for the form to show). */
  async run<T>(fn: () => Promise<ApiResult<T>>): Promise<T | null> {
    this.busy = true;
    this.error = null;
    try {
      const r = await fn();
      if (r.ok) return r.data;
      this.error = r.error;
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** The message for the banner above the form: everything not shown under a field. */
  banner(conflictKey: string): string | null {
    const e = this.error;
    if (!e) return null;
    return e.code === 'CONFLICT' ? t(conflictKey) : t(e.message, e.params);
  }
}

/** "“办公设备” is still in use: 3 assets, 2 sub-items" from an IN_USE error's usage counts. */
export function inUseText(e: ApiError, name: string): string {
  const params = e.params ?? {};
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (k === 'entity' || k === 'id' || typeof v !== 'number' || v <= 0) continue;
    const key = `settings.usage.${k}`;
    const text = t(key, { n: v });
    parts.push(text === key ? `${k}: ${v}` : text);
  }
  return t('settings.inUse', { name, usage: parts.length ? parts.join('，') : t('settings.inUseUnknown') });
}
