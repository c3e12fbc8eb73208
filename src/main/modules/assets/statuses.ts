// Asset statuses and the one table of allowed transitions; every module changes status through it.

export const ASSET_STATUSES = [
  'in_use',
  'idle',
  'lent',
  'in_repair',
  'pending_disposal',
  'disposed',
  'missing',
] as const;

export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const STATUS_TRANSITIONS: Record<AssetStatus, readonly AssetStatus[]> = {
  in_use: ['idle', 'lent', 'in_repair', 'pending_disposal', 'missing'],
  idle: ['in_use', 'lent', 'in_repair', 'pending_disposal', 'missing'],
  lent: ['in_use', 'idle', 'in_repair', 'missing'],
  in_repair: ['in_use', 'idle', 'pending_disposal'],
  pending_disposal: ['in_use', 'idle', 'disposed'],
  disposed: [],
  missing: ['in_use', 'idle', 'pending_disposal', 'disposed'],
};

export function canTransition(from: AssetStatus, to: AssetStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}
