// Inventory counts (盘点): plans, the frozen expected list, scans, classification, resolutions, posting.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, paging, requiredText, trimmed, type Page } from '../../api/schemas';
import { ASSET_STATUSES, type AssetStatus } from '../assets/statuses';

export const COUNT_KINDS = ['full', 'cyclical', 'spot'] as const;
export const COUNT_STATUSES = ['draft', 'in_progress', 'finished', 'posted', 'cancelled'] as const;
export const COUNT_RESULTS = [
  'matched',
  'location_mismatch',
  'status_mismatch',
  'missing',
  'surplus',
] as const;
export const RESOLUTIONS = [
  'move',
  'change_custodian',
  'change_status',
  'write_off',
  'add_to_ledger',
  'recount',
] as const;
export const SCAN_OUTCOMES = ['counted', 'duplicate', 'unknown', 'room'] as const;

export type CountKind = (typeof COUNT_KINDS)[number];
export type CountStatus = (typeof COUNT_STATUSES)[number];
export type CountResult = (typeof COUNT_RESULTS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

const idList = z.array(id).max(5000);

export const CountScope = z.object({
  /** Each location, department and category includes its whole subtree. */
  locationIds: idList.optional(),
  departmentIds: idList.optional(),
  categoryIds: idList.optional(),
  custodianIds: idList.optional(),
  statuses: z.array(z.enum(ASSET_STATUSES)).max(ASSET_STATUSES.length).optional(),
  /** A random sample of the assets in scope: `size` of them, only those costing at least `minCost`. */
  sample: z
    .object({
      size: z.number().int().min(1).max(1_000_000),
      minCost: fen.optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31)
        .optional(),
    })
    .optional(),
});
export type CountScope = z.output<typeof CountScope>;

export const Assignee = z.object({ userId: id, locationIds: idList.optional() });
export type Assignee = z.output<typeof Assignee>;

/** Only `found` and `unknown` for a counter in a blind count (the rest would reveal what is expected). */
export interface CountTotals {
  expected?: number;
  /** Expected assets found in their expected room (or without a room given). */
  found: number;
  /** Expected assets found in another room. */
  foundElsewhere?: number;
  /** Found, not on the books (盘盈 candidates). */
  unknown: number;
  remaining?: number;
  /** Set by finish: rows whose result is not 'matched'. */
  differences?: number | null;
  /** differences / assets counted (expected rows + found extras); null before finish. */
  differenceRate?: number | null;
  /** Rows of a finished count sent back for a recount, still to be classified again. */
  recounting?: number;
}

export interface CountDto {
  id: number;
  name: string;
  kind: CountKind;
  blind: boolean;
  scope: CountScope;
  assignees: Assignee[];
  dueDate: string | null;
  status: CountStatus;
  startedAt: string | null;
  finishedAt: string | null;
  postedAt: string | null;
  postedBy: number | null;
  createdBy: number | null;
  createdAt: string;
  version: number;
  totals: CountTotals;
}

/** One 盘点明细 row. Expected facts and the result are absent for a counter in a blind count. */
export interface CountDetailDto {
  id: number;
  assetId: number | null;
  assetCode: string | null;
  assetName: string | null;
  model: string | null;
  serialNo: string | null;
  /** false: found during the count but not on its frozen list (out of scope, or surplus). */
  expected?: boolean;
  expectedLocationId?: number | null;
  expectedLocationName?: string | null;
  expectedCustodianId?: number | null;
  expectedCustodianName?: string | null;
  expectedStatus?: AssetStatus | null;
  foundAt: string | null;
  foundBy: number | null;
  foundByName: string | null;
  foundLocationId: number | null;
  foundLocationName: string | null;
  foundStatus: AssetStatus | null;
  foundDeviceId: number | null;
  foundStation: string | null;
  /** Surplus rows: the scanned code / EPC and what the counter could tell. */
  code: string | null;
  name: string | null;
  estimatedValue: number | null;
  hasPhoto: boolean;
  note: string;
  result?: CountResult | null;
  resolution?: Resolution | null;
  resolutionData?: Record<string, unknown> | null;
  resolutionNote?: string;
  resolvedBy?: number | null;
  resolvedAt?: string | null;
  postedAssetId?: number | null;
  version: number;
}

/** Progress of one area (room): by expected location; unknown/extra rows by the room they were found in. */
export interface AreaProgress {
  locationId: number | null;
  locationName: string;
  expected?: number;
  /** Found in this room, as expected. */
  found: number;
  /** Expected here, found in another room. */
  foundElsewhere?: number;
  /** Found here, not on the books. */
  unknown: number;
  /** Expected elsewhere (or outside the count), found here. */
  arrived?: number;
  remaining?: number;
}

export interface CountGetResult {
  count: CountDto;
  /** false: expected facts are hidden from this caller (blind count, counter only). */
  showsExpected: boolean;
  progress: AreaProgress[];
  details: Page<CountDetailDto>;
}

export interface CountScanResult {
  outcome: ScanOutcome;
  /** 'duplicate': already counted (not counted twice); 'unknown': kept as a surplus row. */
  warning: 'duplicate' | 'unknown' | null;
  detailId: number | null;
  assetId: number | null;
  assetCode: string | null;
  assetName: string | null;
  /** The room the scan was counted in (the station's current room unless given). */
  locationId: number | null;
  /** For a duplicate: when, where and by whom it was first counted. */
  first?: { at: string; locationId: number | null; userId: number | null };
  /** How the code was matched: code | serial | binding | epc-ascii | giai96 | location. */
  resolvedBy: string | null;
  /** The count_scans row; null for a repeated RFID read (the device scans log keeps those). */
  scanId: number | null;
}

/** One scan of a count as the counter's feed shows it (newest first). */
export interface CountScanLogRow {
  id: number;
  at: string;
  code: string | null;
  epc: string | null;
  outcome: ScanOutcome | 'rejected';
  assetId: number | null;
  assetCode: string | null;
  assetName: string | null;
  detailId: number | null;
  /** The room it was counted in. */
  locationId: number | null;
  locationName: string | null;
  userName: string | null;
  /** The device layer's scans-log row, when it came through it. */
  scanId: number | null;
  /** Supervisors and open counts only: counted in another room than expected (or than the ledger says). */
  elsewhere?: boolean;
  /** Supervisors and open counts only: on the books but not on this count's list. */
  notOnList?: boolean;
  expectedLocationName?: string | null;
  /** An unknown row the counter has already described (name given). */
  described: boolean;
}

export interface CountSheetImportResult {
  rows: number;
  counted: number;
  duplicates: number;
  surplus: number;
  problems: { row: number; column: string; message: string; params?: Record<string, unknown> }[];
}

export interface CountReport {
  count: CountDto;
  byResult: Record<CountResult, number>;
  byResolution: Record<Resolution | 'unresolved', number>;
  differences: CountDetailDto[];
  /** Difference rate of every finished or posted count, oldest first (the KPI over time). */
  history: {
    id: number;
    name: string;
    finishedAt: string;
    counted: number;
    differences: number;
    rate: number;
  }[];
}

const station = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'validation.station');
const photo = z.object({
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  data: z.string().min(1).max(28_000_000),
});

const countId = { countId: id };

export const countsContract = {
  'counts.create': method<CountDto>()({
    input: z.object({
      name: requiredText(100),
      scope: CountScope.default({}),
      kind: z.enum(COUNT_KINDS).default('full'),
      blind: z.boolean().default(false),
      dueDate: dateStr.optional(),
      assignees: z.array(Assignee).max(200).default([]),
    }),
    access: 'counts.manage',
    mode: 'write',
    summary:
      'Plan a count (draft): name, scope (locations / departments / categories with their subtrees, custodians, statuses, or a seeded random sample above a cost), kind, open or blind, due date, counters per area.',
    returns: 'CountDto',
  }),
  'counts.start': method<CountDto>()({
    input: z.object({ id }),
    access: 'counts.manage',
    mode: 'write',
    summary:
      'Freeze the expected list: one detail row per asset in scope with its location, custodian and status now. From here its assets are locked (ASSET_LOCKED) until the count is posted or cancelled; an asset already under another open count refuses the start.',
    returns: 'CountDto',
  }),
  'counts.get': method<CountGetResult>()({
    input: z.object({
      id,
      ...paging,
      result: z.enum(COUNT_RESULTS).optional(),
      locationId: id.optional(),
      onlyDifferences: z.boolean().default(false),
      /** found | remaining: counted rows or those still to find. */
      state: z.enum(['found', 'remaining']).optional(),
      q: trimmed(100).optional(),
    }),
    access: ['counts.read', 'counts.count', 'counts.manage', 'counts.approve'],
    mode: 'read',
    summary:
      'A count with live progress per area (expected, found, found elsewhere, unknown, remaining) and its detail rows, paged. In a blind count a caller with only counts.count sees what was found, never what is expected. A counter (no counts.read/manage/approve) sees only counts naming them (or no one; else FORBIDDEN errors.countNotAssigned), and in them the progress and rows of their areas.',
    returns:
      'CountGetResult { count, showsExpected, progress: AreaProgress[], details: Page<CountDetailDto> }',
  }),
  'counts.list': method<Page<CountDto>>()({
    input: z.object({ ...paging, status: z.enum(COUNT_STATUSES).optional() }),
    access: ['counts.read', 'counts.count', 'counts.manage', 'counts.approve'],
    mode: 'read',
    summary:
      'Counts, newest first, with their totals and difference rate (a blind count’s counters see only what was found).',
    returns: 'Page<CountDto>',
  }),
  'counts.activate': method<{ station: string; countId: number; locationId: number | null }>()({
    input: z.object({ id, station: station.default('local'), locationId: id.nullable().optional() }),
    access: 'counts.count',
    mode: 'write',
    summary:
      'Make this count the active target of a station (and optionally pick the room): scanner and RFID reads on that station go into the count.',
    returns: '{ station, countId, locationId }',
  }),
  'counts.deactivate': method<{ station: string }>()({
    input: z.object({ station: station.default('local') }),
    access: 'counts.count',
    mode: 'write',
    summary: 'Stop routing a station’s scans into a count.',
    returns: '{ station }',
  }),
  'counts.scan': method<CountScanResult>()({
    input: z
      .object({
        ...countId,
        code: z.string().trim().min(1).max(500).optional(),
        epc: z
          .string()
          .trim()
          .regex(/^[0-9A-Fa-f]{4,128}$/, 'validation.epc')
          .optional(),
        /** The room; omitted: the station's current room. With neither code nor epc: just picks the room. */
        locationId: id.optional(),
        /** What the counter sees, when it differs from in use (e.g. idle, in_repair). */
        status: z.enum(ASSET_STATUSES).optional(),
        station: station.default('local'),
        deviceId: id.optional(),
      })
      .refine((v) => v.code !== undefined || v.epc !== undefined || v.locationId !== undefined, {
        message: 'validation.codeOrEpc',
        path: ['code'],
      }),
    access: 'counts.count',
    mode: 'write',
    summary:
      'Count one scan (location-first: a location code or locationId picks the room, then assets). Resolves by asset code, serial no. or RFID binding; records time, counter, device, station and room; a duplicate warns and is not counted twice; an unknown code is kept as a surplus row. A counter without counts.manage counts only in the areas the plan assigns them (FORBIDDEN errors.countAreaNotAssigned naming the room, errors.countPickArea when no room is picked) and only counts that name them or name no one (errors.countNotAssigned). In a finished count with rows sent back for a recount, only those rows (INVALID_TRANSITION errors.countNotRecounting).',
    returns: 'CountScanResult',
  }),
  'counts.addSurplus': method<CountDetailDto>()({
    input: z.object({
      ...countId,
      /** Complete an existing surplus row (e.g. one an unknown scan made) instead of adding one. */
      detailId: id.optional(),
      code: trimmed(500).optional(),
      name: requiredText(200),
      estimatedValue: fen.optional(),
      photo: photo.optional(),
      locationId: id.optional(),
      note: trimmed(500).optional(),
      station: station.default('local'),
    }),
    access: 'counts.count',
    mode: 'write',
    summary: 'Record an asset found but not on the books (盘盈): name, photo, estimated value, room.',
    returns: 'CountDetailDto',
  }),
  'counts.finish': method<CountDto>()({
    input: z.object({ id }),
    access: 'counts.manage',
    mode: 'write',
    summary:
      'Classify every row (matched, location_mismatch, status_mismatch, missing, surplus). Nothing changes in the ledger. On a finished count with rows sent back for a recount: classifies those rows again (the rest keep their results and resolutions).',
    returns: 'CountDto',
  }),
  'counts.resolve': method<CountDetailDto>()({
    input: z
      .object({
        id,
        detailId: id.optional(),
        assetId: id.optional(),
        resolution: z.enum(RESOLUTIONS),
        /** move: target room (default: where it was found). */
        locationId: id.optional(),
        /** change_custodian: the new custodian (null: none). */
        custodianId: id.nullable().optional(),
        /** change_status: the new status (default: the status found). */
        status: z.enum(ASSET_STATUSES).optional(),
        /** add_to_ledger: the new card's category, name and estimated value (default: what the counter noted). */
        categoryId: id.optional(),
        name: trimmed(200).optional(),
        estimatedValue: fen.optional(),
        note: trimmed(500).optional(),
        /** Evidence for the difference (a photo of where it was, its tag, the damage): kept on the line. */
        photo: photo.optional(),
      })
      .refine((v) => v.detailId !== undefined || v.assetId !== undefined, {
        message: 'validation.detailOrAsset',
        path: ['detailId'],
      }),
    access: 'counts.manage',
    mode: 'write',
    summary:
      'Decide what to do about one difference of a finished count: move, change_custodian, change_status, write_off (盘亏: on posting, the asset is recorded missing and a disposal request of kind write_off goes to approval, linked in resolutionData.disposalId), add_to_ledger (盘盈), or recount (the row goes back to uncounted, its earlier scans kept in the log; counters may scan it again although the count is finished, and the next counts.finish classifies it again). Applied only when posted. An evidence photo given is kept on the line (counts.photo; hasPhoto) and, when posted, attached to the asset.',
    returns: 'CountDetailDto',
  }),
  'counts.post': method<CountDto & { applied: number; createdAssetIds: number[] }>()({
    input: z.object({ id, version: z.number().int().positive().optional() }),
    access: 'counts.approve',
    mode: 'write',
    summary:
      'Approve and post the resolutions in one transaction: every change in the asset history (source count) and the audit log, linked to the count. Must be a second person: not anyone who resolved (FORBIDDEN, errors.countPostOwnResolution). Refused while rows wait for a recount (INVALID_TRANSITION, errors.countRecountPending).',
    returns: 'CountDto & { applied, createdAssetIds }',
  }),
  'counts.cancel': method<CountDto>()({
    input: z.object({ id }),
    access: 'counts.manage',
    mode: 'write',
    summary: 'Cancel a count that is not posted; its assets are unlocked.',
    returns: 'CountDto',
  }),
  'counts.report': method<CountReport>()({
    input: z.object({ id }),
    access: ['counts.read', 'counts.manage', 'counts.approve'],
    mode: 'read',
    summary:
      'Count report: summary by result and by resolution, the differences, and the difference-rate KPI over time.',
    returns: 'CountReport',
  }),
  'counts.scans': method<{ rows: CountScanLogRow[] }>()({
    input: z.object({
      countId: id,
      limit: z.number().int().min(1).max(500).default(30),
      /** Only these device-layer scans (to tell a screen what became of the scans it heard of). */
      scanIds: z.array(id).max(500).optional(),
    }),
    access: ['counts.read', 'counts.count', 'counts.manage', 'counts.approve'],
    mode: 'read',
    summary:
      'The latest scans of a count with what each became (counted, duplicate, unknown, room), newest first: the counter’s live feed, which survives a reload. Expected facts (found elsewhere, not on the list) only for those who may see them.',
    returns: '{ rows: CountScanLogRow[] }',
  }),
  'counts.photo': method<{ mime: string; data: string }>()({
    input: z.object({ id, detailId: id }),
    access: ['counts.read', 'counts.count', 'counts.manage', 'counts.approve'],
    mode: 'read',
    summary: 'The photo a counter took of a found item (evidence for the reconciliation), as base64.',
    returns: '{ mime, data }',
  }),
  'counts.reportFile': method<{ jobId: string }>()({
    input: z.object({ id, format: z.enum(['pdf', 'xlsx']) }),
    access: ['counts.read', 'counts.manage', 'counts.approve'],
    mode: 'read',
    summary:
      'The count report as a file (job): PDF or Excel with the summary, the differences and their resolutions, the signatures block (盘点人 / 监盘人 / 负责人) and the difference-rate KPI for this count and over time.',
    returns: '{ jobId } → job result IoFile',
  }),
  'counts.export': method<{ jobId: string }>()({
    input: z.object({ id, blind: z.boolean().optional() }),
    access: ['counts.count', 'counts.manage'],
    mode: 'read',
    summary:
      'Offline count sheet (.xlsx) as a job: one row per asset to find, with the counted columns to fill in. Blind (never the expected room, custodian, status) for a blind count’s counters or on request.',
    returns: '{ jobId } → job result IoFile',
  }),
  'counts.import': method<CountSheetImportResult>()({
    input: z.object({ id, fileName: trimmed(200).optional(), data: z.string().min(1).max(70_000_000) }),
    access: ['counts.count', 'counts.manage'],
    mode: 'write',
    summary:
      'Import a filled-in count sheet: the counted column back as scans (room, status, notes; new rows become surplus). Bad rows are reported by row and column and skipped.',
    returns:
      'CountSheetImportResult { rows, counted, duplicates, surplus, problems: [{ row, column, message }] }',
  }),
};
