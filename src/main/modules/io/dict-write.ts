// Writing a planned dictionary import inside the commit's transaction: every row through the settings
// module's own create/update (its input schema, unique codes, parent checks, version check, audit row
// and event per record), parents before children, new parents' ids handed to their children.
import { settingsContract } from '../settings/contract';
import { settingsHandlers } from '../settings/handlers';
import type { ImportCommitResult } from './contract';
import type { DictKind } from './dict-fields';
import type { DictPlan } from './import-dicts';
import { atRow, type JobCtx } from './job-ctx';

type Call = (ctx: JobCtx, input: unknown) => { id: number };

function method(kind: DictKind, verb: 'create' | 'update') {
  const name = `settings.${kind}.${verb}`;
  const contract = settingsContract as unknown as Record<string, { input: { parse(v: unknown): unknown } }>;
  const handlers = settingsHandlers as unknown as Record<string, Call>;
  return (ctx: JobCtx, input: Record<string, unknown>) =>
    handlers[name]!(ctx, contract[name]!.input.parse(input));
}

export function writeDicts(
  ctx: JobCtx,
  kind: DictKind,
  plan: DictPlan,
  refIds: Map<number, number>,
  onRow: (i: number) => void,
): Pick<ImportCommitResult, 'inserted' | 'updated'> & { ids: number[] } {
  const create = method(kind, 'create');
  const update = method(kind, 'update');
  const idOf = new Map(Object.entries(plan.existingIds));
  const ids: number[] = [];
  let inserted = 0;
  let updated = 0;
  const parentId = (key: string | null | undefined) =>
    key === undefined ? {} : { parentId: key === null ? null : idOf.get(key)! };
  plan.ops.forEach((op, i) => {
    const input: Record<string, unknown> = { ...op.input, ...parentId(op.parentKey) };
    for (const [k, v] of Object.entries(input))
      if (k.endsWith('Id') && typeof v === 'number' && v < 0) input[k] = refIds.get(v)!;
    try {
      if (op.action === 'insert') {
        const id = create(ctx, { ...input, code: op.input.code }).id;
        idOf.set(op.key, id);
        ids.push(id);
        inserted++;
      } else {
        update(ctx, { ...input, id: op.id, version: op.version });
        ids.push(op.id!);
        updated++;
      }
    } catch (err) {
      throw atRow(err, op.row);
    }
    onRow(i);
  });
  return { inserted, updated, ids };
}
