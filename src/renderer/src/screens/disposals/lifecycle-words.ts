// Status colours shared by the transfer, repair and disposal screens.
export function docTag(status: string): string {
  if (['done', 'approved', 'closed'].includes(status)) return 'ok';
  if (['pending', 'reported', 'accepted', 'in_repair', 'waiting_parts'].includes(status)) return 'warn';
  if (['rejected', 'returned'].includes(status)) return 'danger';
  return '';
}
