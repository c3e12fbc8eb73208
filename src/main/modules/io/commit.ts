// Committing a previewed import as a job: cheap staleness checks in cancellable chunks, then every row
// in ONE synchronous transaction through the ledger's rules (batch-write.ts: code rule, category
// defaults, checks, a history event per card with source 'import') and the settings module's own
// create for missing names. A crash anywhere before the commit leaves the database exactly as it was.
// The audit: one import is one audited state change, so it gets one audit row naming every card it
// wrote (id runs) and the file's sha256, written in the same transaction; the per-card detail
// (fields before → after) is in each card's history. A row per card would cost a hash-chain link
// each (~20% of the commit) and say less than the history already does.
import type { Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import { setSetting } from '../../db/kv';
import type { JobContext } from '../../jobs/jobs';
import type { EditableValues } from '../assets/fields';
import { settingsContract } from '../settings/contract';
import { settingsHandlers } from '../settings/handlers';
import type { ImportCommitResult } from './contract';
import type { CreateInput } from './import-assets';
import { AssetBatchWriter, deferIndexes, idRuns } from './batch-write';
import { atRow, jobCtx, type JobCtx } from './job-ctx';
import { mappingKey, previewStore, type StoredPreview } from './preview';
import type { DictKind } from './dict-fields';
import { writeDicts } from './dict-write';

const DICT_TABLES: Record<DictKind, string> = {
  categories: 'categories',
  locations: 'locations',
  departments: 'departments',
  custodians: 'custodians',
  suppliers: 'suppliers',
  dictionaries: 'dictionary_items',
};

const CHUNK = 2000;
const REF_FIELDS = [
  'categoryId',
  'supplierId',
  'locationId',
  'departmentId',
  'expenseDepartmentId',
  'custodianId',
];
const CODE_PREFIX: Record<string, string> = {
  custodians: 'P',
  suppliers: 'S',
  locations: 'L',
  departments: 'D',
};

/** A code not used in `table`: P0001, P0002, ... (people, suppliers, places and departments created by an import). */
function freeCode(sqlite: Sqlite, table: string): string {
  const taken = sqlite.prepare(`SELECT 1 FROM ${table} WHERE code = ?`);
  const start = (sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) + 1;
  for (let n = start; ; n++) {
    const code = `${CODE_PREFIX[table]}${String(n).padStart(4, '0')}`;
    if (!taken.get(code)) return code;
  }
}

function createRef(ctx: JobCtx, table: string, name: string): number {
  const code = freeCode(ctx.sqlite, table);
  const h = settingsHandlers;
  const c = settingsContract;
  switch (table) {
    case 'custodians':
      return h['settings.custodians.create'](ctx, c['settings.custodians.create'].input.parse({ code, name }))
        .id;
    case 'suppliers':
      return h['settings.suppliers.create'](ctx, c['settings.suppliers.create'].input.parse({ code, name }))
        .id;
    case 'locations':
      return h['settings.locations.create'](
        ctx,
        c['settings.locations.create'].input.parse({ code, name, kind: 'room' }),
      ).id;
    default:
      return h['settings.departments.create'](
        ctx,
        c['settings.departments.create'].input.parse({ code, name }),
      ).id;
  }
}

function withIds(input: Record<string, unknown>, ids: Map<number, number>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const f of REF_FIELDS) {
    const v = input[f];
    if (typeof v === 'number' && v < 0) (out ??= { ...input })[f] = ids.get(v)!;
  }
  return out ?? input;
}

/** Test hook: the kill-mid-commit test sets this to die after N rows inside the transaction. */
const KILL_AFTER = Number(process.env.FAMS_TEST_IMPORT_KILL_AFTER ?? 0);

/** The settings rows the plan's kept rows name but the ledger lacks (placeholder → new id). */
function createMissing(
  ctx: JobCtx,
  toCreate: { table: string; name: string }[],
  inputs: Record<string, unknown>[],
) {
  const used = new Set<number>();
  for (const input of inputs)
    for (const f of REF_FIELDS) if ((input[f] as number) < 0) used.add(input[f] as number);
  const ids = new Map<number, number>();
  const created: ImportCommitResult['created'] = [];
  toCreate.forEach((t, i) => {
    if (!used.has(-(i + 1))) return;
    const id = createRef(ctx, t.table, t.name);
    ids.set(-(i + 1), id);
    created.push({ ...t, id });
  });
  return { ids, created };
}

function remember(ctx: JobCtx, p: StoredPreview) {
  const mapping: Record<string, string> = {};
  for (const c of p.columns) mapping[c.letter] = c.field ?? '';
  setSetting(ctx.sqlite, mappingKey(p.kind, p.signature), mapping, ctx.nowIso);
}

function auditImport(
  ctx: JobCtx,
  p: StoredPreview,
  result: ImportCommitResult,
  written: Record<string, unknown>,
) {
  ctx.audit({
    action: 'io.import',
    entity: 'import',
    entityId: p.sha256.slice(0, 16),
    details: {
      kind: p.kind,
      fileName: p.fileName,
      sha256: p.sha256,
      sheet: p.sheet,
      mode: p.mode,
      key: p.key,
      ...result,
      created: result.created.map((c) => ({ table: c.table, id: c.id })),
      ...written,
    },
  });
}

function writeDictionaries(ctx: JobCtx, p: StoredPreview & { kind: DictKind }, job: JobContext) {
  const { ids, created } = createMissing(
    ctx,
    p.plan.toCreate,
    p.plan.ops.map((o) => o.input),
  );
  const n = p.plan.ops.length;
  const written = writeDicts(ctx, p.kind, p.plan, ids, (i) => {
    if (KILL_AFTER && i + 1 >= KILL_AFTER) process.kill(process.pid, 'SIGKILL');
    if (i % 100 === 0) job.progress(0.3 + (0.7 * i) / n, 'writing');
  });
  remember(ctx, p);
  const result = {
    inserted: written.inserted,
    updated: written.updated,
    skipped: p.plan.counts.skip,
    created,
  };
  // Each record has its own audit row from the settings module; this one ties them to the file.
  auditImport(ctx, p, result, { ids: idRuns(written.ids) });
  return result;
}

function writeAll(ctx: JobCtx, p: StoredPreview & { kind: 'assets' }, job: JobContext): ImportCommitResult {
  const ops = p.plan.ops;
  const { ids, created } = createMissing(
    ctx,
    p.plan.toCreate,
    ops.map((o) => o.input),
  );
  const codesNeeded = new Map<number, number>();
  const fileCodes = new Set<string>();
  for (const op of ops) {
    if (op.action !== 'insert') continue;
    const code = op.input.assetCode as string | undefined;
    if (code) fileCodes.add(code);
    else
      codesNeeded.set(
        op.input.categoryId as number,
        (codesNeeded.get(op.input.categoryId as number) ?? 0) + 1,
      );
  }
  const writer = new AssetBatchWriter(ctx, codesNeeded, fileCodes);
  const rebuildIndexes = deferIndexes(ctx.sqlite, 'assets', p.plan.counts.insert);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    try {
      if (op.action === 'insert') writer.create(withIds(op.input, ids) as CreateInput);
      else writer.update(op.assetId!, op.version!, withIds(op.input, ids) as Partial<EditableValues>);
    } catch (err) {
      throw atRow(err, op.row);
    }
    if (KILL_AFTER && i + 1 >= KILL_AFTER) process.kill(process.pid, 'SIGKILL');
    if (i % 500 === 0) job.progress(0.3 + (0.6 * i) / ops.length, 'writing');
  }
  if (rebuildIndexes) {
    job.progress(0.9, 'indexing');
    rebuildIndexes();
  }
  const inserted = writer.inserted.length;
  const updated = writer.updated.length;
  const changed = [...writer.inserted, ...writer.updated];
  if (changed.length) ctx.emit('assets.changed', { ids: changed });
  remember(ctx, p);
  const result = { inserted, updated, skipped: p.plan.counts.skip, created };
  auditImport(ctx, p, result, {
    // The cards this import wrote; each card's history has its own event (source 'import').
    insertedIds: idRuns(writer.inserted),
    updatedIds: idRuns(writer.updated),
  });
  return result;
}

const inFlight = new WeakSet<StoredPreview>();

export function startCommit(ctx: Ctx, p: StoredPreview, skipErrorRows: boolean): string {
  if (p.plan.counts.error > 0 && !skipErrorRows)
    throw new AppError('VALIDATION', 'errors.io.previewHasErrors', { errors: p.plan.counts.error });
  if (inFlight.has(p)) throw new AppError('CONFLICT', 'errors.io.commitRunning');
  inFlight.add(p);
  const { core, session } = ctx;
  return core.jobs.start('io.importCommit', session?.userId ?? null, async (job) => {
    try {
      // Checks that need no transaction, in chunks the user can cancel; the transaction re-checks.
      const table =
        p.kind === 'assets' ? 'assets WHERE deleted_at IS NULL AND' : `${DICT_TABLES[p.kind]} WHERE`;
      const version = core.sqlite.prepare(`SELECT version FROM ${table} id = ?`).pluck();
      const ops: readonly { action: string; row: number; version?: number }[] = p.plan.ops;
      const idOf = (op: (typeof ops)[number]) => ('assetId' in op ? op.assetId : (op as { id?: number }).id);
      for (let i = 0; i < ops.length; i += CHUNK) {
        await new Promise((r) => setImmediate(r));
        if (job.signal.aborted) throw new AppError('CONFLICT', 'errors.io.cancelled');
        for (let j = i; j < Math.min(i + CHUNK, ops.length); j++) {
          const op = ops[j]!;
          if (op.action === 'update' && version.get(idOf(op)) !== op.version)
            throw new AppError('CONFLICT', 'errors.io.ledgerChanged', { row: op.row });
        }
        job.progress((0.3 * i) / Math.max(1, ops.length), 'checking');
      }
      if (job.signal.aborted) throw new AppError('CONFLICT', 'errors.io.cancelled');
      const jc = jobCtx(core, session, 'io.importCommit');
      const result = core.sqlite
        .transaction(() => (p.kind === 'assets' ? writeAll(jc, p, job) : writeDictionaries(jc, p, job)))
        .immediate();
      jc.flush();
      previewStore(core).delete(p.id);
      return result;
    } finally {
      inFlight.delete(p);
    }
  });
}
