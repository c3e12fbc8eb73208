// The scans log and keyboard-wedge scans submitted by the renderer.
import { z } from 'zod';
import { method } from '../../api/contract';
import { id, trimmed } from '../../api/schemas';

export type ScanSource = 'scanner' | 'rfid' | 'wedge' | 'manual';

export interface ScanDto {
  id: number;
  at: string;
  deviceId: number | null;
  source: ScanSource;
  userId: number | null;
  station: string;
  /** Barcode text; null for an RFID tag. */
  code: string | null;
  /** EPC, upper-case hex; null for a barcode. */
  epc: string | null;
  rssi: number | null;
  symbology: string | null;
  aim: string | null;
  rawHex: string;
  assetId: number | null;
  assetCode: string | null;
  assetName: string | null;
  /** How the asset was found: code | serial | binding | epc-ascii | giai96; null when nothing matched. */
  resolvedBy: string | null;
  /** 'find' unless a count / acceptance session was active on the station. */
  target: string;
  targetId: number | null;
}

const station = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'validation.station');

export const scansContract = {
  'scans.list': method<{ rows: ScanDto[] }>()({
    input: z.object({
      limit: z.number().int().min(1).max(1000).default(100),
      /** Only scans after this ISO timestamp (for catching up after a reload). */
      since: z.iso.datetime({ offset: true }).optional(),
      deviceId: id.optional(),
      assetId: id.optional(),
    }),
    access: ['scans.read', 'scans.submit'],
    mode: 'read',
    summary:
      'The scans log, newest first: time, device, operator, code or EPC, symbology, resolved asset, target.',
    returns: '{ rows: ScanDto[] }',
  }),
  'scans.submit': method<ScanDto>()({
    input: z.object({
      code: z.string().trim().min(1, 'validation.required').max(500),
      aim: z
        .string()
        .regex(/^\][A-Za-z][0-9A-Za-z]$/, 'validation.aim')
        .optional(),
      symbology: trimmed(40).optional(),
      /** Physical key codes of a wedge scan, space separated (kept as the raw record). */
      keys: z.string().max(8000).optional(),
      source: z.enum(['wedge', 'manual']).default('wedge'),
      deviceId: id.optional(),
      station: station.default('local'),
    }),
    access: 'scans.submit',
    mode: 'write',
    summary:
      'Records a keyboard-wedge (or typed) scan: resolves it to an asset (code, serial no.) and routes it to the active target, then emits a "scan" event.',
    returns: 'ScanDto',
  }),
};
