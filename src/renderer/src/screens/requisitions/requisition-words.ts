// Status colours for requisitions and purchase orders.
export function statusTag(s: string): string {
  if (s === 'approved' || s === 'ordered' || s === 'bought_outside' || s === 'received') return 'ok';
  if (s === 'pending' || s === 'partially_received' || s === 'open') return 'warn';
  if (s === 'rejected' || s === 'returned') return 'danger';
  if (s === 'draft') return 'accent';
  return '';
}
