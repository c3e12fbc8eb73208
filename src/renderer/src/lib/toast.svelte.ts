// Short-lived success/error notices shown in a corner; any screen may push one.
import type { ApiError } from './api';
import { errorText } from './i18n/index.svelte';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

class ToastState {
  items = $state<Toast[]>([]);
  #next = 1;

  show(kind: Toast['kind'], text: string, ms = kind === 'error' ? 8000 : 3000) {
    const id = this.#next++;
    this.items.push({ id, kind, text });
    setTimeout(() => this.dismiss(id), ms);
  }

  success(text: string) {
    this.show('success', text);
  }

  /** An API error is translated into one sentence; a plain string is shown as is. */
  error(e: ApiError | string) {
    this.show('error', typeof e === 'string' ? e : errorText(e));
  }

  dismiss(id: number) {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastState();
