// The approver's inbox: what waits for the signed-in user, with counts per document kind for the
// navigation badge. Refreshed on 'approvals.changed' events (any decision, submit or delegation).
import type { InboxItem } from '../../../../main/modules/approvals/contract';
import { call, onEvent } from '../../lib/api';

class InboxState {
  rows = $state.raw<InboxItem[]>([]);
  counts = $state.raw<Record<string, number>>({});
  total = $state(0);
  loading = $state(false);
  #enabled = false;
  #listening = false;
  #seq = 0;

  /** The shell says whether the signed-in user may act on approvals (and so has an inbox). */
  setEnabled(on: boolean): void {
    this.#enabled = on;
    if (!this.#listening) {
      this.#listening = true;
      onEvent((e) => {
        if (e.type === 'approvals.changed' && this.#enabled) void this.refresh();
      });
    }
    if (on) void this.refresh();
    else {
      this.#seq++;
      this.rows = [];
      this.counts = {};
      this.total = 0;
    }
  }

  async refresh(): Promise<void> {
    if (!this.#enabled) return;
    const mine = ++this.#seq;
    this.loading = true;
    const r = await call('approvals.inbox', {});
    if (mine !== this.#seq) return;
    this.loading = false;
    if (!r.ok) return;
    this.rows = r.data.rows;
    this.counts = r.data.counts;
    this.total = r.data.total;
  }

  /** The inbox row for a document, when the signed-in user may act on it now. */
  find(kind: string, documentId: number): InboxItem | undefined {
    return this.rows.find((x) => x.kind === kind && x.documentId === documentId);
  }
}

export const inbox = new InboxState();
