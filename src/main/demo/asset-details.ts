// Per-card details of the sample ledger: serial numbers in each maker's format, and a status that
// fits the asset's age and kind (old gear gets retired, laptops get lent).
import { DIGITS, UPPER_ALNUM, type Rng } from './prng';
import type { ItemKind, ItemSpec } from './catalog';

const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

export function makeSerial(rng: Rng, item: ItemSpec, purchaseDate: string): string {
  const yy = purchaseDate.slice(2, 4);
  switch (item.serial) {
    case 'lenovo':
      return 'PF' + rng.chars(UPPER_ALNUM, 6);
    case 'dell':
      return rng.chars(UPPER_ALNUM, 7);
    case 'hp':
      return 'CN' + rng.chars(DIGITS, 1) + rng.chars(UPPER_ALNUM, 7);
    case 'huawei':
      return '2102' + rng.chars(DIGITS, 6) + rng.chars(UPPER_ALNUM, 4) + yy + rng.chars(DIGITS, 4);
    case 'apple':
      return 'C02' + rng.chars(UPPER_ALNUM, 9);
    case 'digits':
      return '86' + rng.chars(DIGITS, 13);
    case 'vin':
      return (item.serialPrefix ?? 'LSV') + rng.chars(VIN_CHARS, 14);
    case 'prefixed':
      return (item.serialPrefix ?? '') + yy + rng.chars(DIGITS, 7);
    case 'plate':
    case 'none':
      return '';
  }
}

const PORTABLE: ItemKind[] = ['laptop', 'projector', 'phone', 'instrument'];

/** A status for an asset `ageDays` old, and the day it took that status (null: in use since in service). */
export function pickStatus(
  rng: Rng,
  kind: ItemKind,
  ageDays: number,
  inServiceDay: number,
  today: number,
): { status: string; statusDay: number | null } {
  const years = ageDays / 365;
  const r = rng.next();
  let status = 'in_use';
  let p = 0;
  const pass = (prob: number, s: string) => {
    if (status === 'in_use' && r < (p += prob)) status = s;
  };
  pass(years > 5 ? 0.16 : years > 3 ? 0.04 : 0.004, 'disposed');
  pass(years > 5 ? 0.08 : years > 3 ? 0.03 : 0.003, 'pending_disposal');
  pass(0.07, 'idle');
  pass(PORTABLE.includes(kind) ? 0.04 : 0.005, 'lent');
  pass(0.02, 'in_repair');
  pass(years > 1 ? 0.008 : 0.001, 'missing');
  if (status === 'in_use') return { status, statusDay: null };
  // Recent states (lent, in repair) began recently; retirement happened any time after service.
  const from =
    status === 'lent' || status === 'in_repair' ? Math.max(inServiceDay, today - 60) : inServiceDay;
  return { status, statusDay: Math.min(today, rng.int(from, today)) };
}

export const STATUS_NOTES: Partial<Record<string, string[]>> = {
  in_repair: ['送修：无法开机', '送修：屏幕故障', '送修：异响', '返厂维修'],
  pending_disposal: ['已超使用年限，申请报废', '故障无维修价值，待处置'],
  disposed: ['报废处置，残值回收', '已出售给回收公司', '报废'],
  missing: ['年度盘点未找到', '盘亏，待查'],
  lent: ['借给项目组使用', '外借展会使用'],
};
