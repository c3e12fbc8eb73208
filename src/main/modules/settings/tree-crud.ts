// List/get/create/update/delete for a settings tree, shared by categories, locations and
// departments; each supplies its columns, DTO mapping and what counts as "in use".
import type { Ctx } from '../../api/context';
import type { Sqlite } from '../../db/client';
import type { TreePlace } from './contract';
import { ancestry, assertParent, placeTree, type TreeNode, type TreeTable } from './trees';
import {
  applyUpdate,
  assertUniqueCode,
  assertVersion,
  count,
  deleteUnused,
  mustGet,
  type ColumnMap,
} from './rows';

/** A row as selected by the spec: the tree columns in camelCase plus the entity's own. */
export type TreeRow = Omit<TreeNode, 'active'> & { active: number; version: number; updatedAt: string };

interface Place {
  path: string[];
  depth: number;
  effectiveActive: boolean;
  assetCount: number;
}

export interface TreeSpec<Row extends TreeRow, Dto extends TreePlace, CreateIn> {
  table: TreeTable;
  entity: string;
  /** SELECT ... FROM <table> t ...; the row's columns aliased to Row's names. */
  select: string;
  /** Column of assets pointing at this tree. */
  assetColumns: string[];
  toDto(row: Row, place: Place): Dto;
  /** Updatable fields besides id/version. */
  columns: ColumnMap;
  /** Entity-specific checks on create/update input (references, defaults). */
  check?(ctx: Ctx, input: Partial<CreateIn>, id: number | null): void;
  insert(ctx: Ctx, input: CreateIn): number;
  /** References beyond children and assets (custodians, users, ...). */
  usage?(sqlite: Sqlite, id: number): Record<string, number>;
}

interface CreateBase {
  code: string;
  parentId: number | null;
}
interface UpdateBase {
  id: number;
  version: number;
  code?: string;
  parentId?: number | null;
}

export function treeCrud<Row extends TreeRow, Dto extends TreePlace, CreateIn extends CreateBase>(
  spec: TreeSpec<Row, Dto, CreateIn>,
) {
  const { table, entity } = spec;
  const liveAssets = spec.assetColumns
    .map((c) => `SELECT COUNT(*) FROM assets WHERE ${c} = ? AND deleted_at IS NULL`)
    .join(' UNION ALL ');

  function assetCounts(sqlite: Sqlite): Map<number, number> {
    const out = new Map<number, number>();
    for (const c of spec.assetColumns) {
      const rows = sqlite
        .prepare(
          `SELECT ${c} AS id, COUNT(*) AS n FROM assets WHERE deleted_at IS NULL AND ${c} IS NOT NULL GROUP BY ${c}`,
        )
        .all() as { id: number; n: number }[];
      for (const r of rows) out.set(r.id, (out.get(r.id) ?? 0) + r.n);
    }
    return out;
  }

  function get(sqlite: Sqlite, id: number): Dto {
    const row = mustGet(
      sqlite.prepare(`${spec.select} WHERE t.id = ?`).get(id) as Row | undefined,
      entity,
      id,
    );
    const { path, allActive } = ancestry(sqlite, table, id);
    const counts = sqlite
      .prepare(liveAssets)
      .pluck()
      .all(...spec.assetColumns.map(() => id)) as number[];
    return spec.toDto(row, {
      path,
      depth: path.length - 1,
      effectiveActive: allActive,
      assetCount: counts.reduce((a, b) => a + b, 0),
    });
  }

  function changed(ctx: Ctx, action: string, id: number, details?: unknown) {
    ctx.audit({ entity, entityId: id, details });
    ctx.emit('settings.changed', { entity, id, action });
  }

  return {
    get,

    list(ctx: Ctx, input: { includeInactive: boolean }): Dto[] {
      const rows = ctx.sqlite.prepare(spec.select).all() as Row[];
      const counts = assetCounts(ctx.sqlite);
      const placed = placeTree(
        rows.map((row) => ({
          id: row.id,
          parentId: row.parentId,
          code: row.code,
          name: row.name,
          sortOrder: row.sortOrder,
          active: !!row.active,
          row,
        })),
      );

      const out: Dto[] = [];
      for (const p of placed) {
        if (!input.includeInactive && !p.effectiveActive) continue;
        out.push(spec.toDto(p.row, { ...p, assetCount: counts.get(p.id) ?? 0 }));
      }
      return out;
    },

    create(ctx: Ctx, input: CreateIn): Dto {
      assertUniqueCode(ctx.sqlite, table, entity, input.code, null);
      assertParent(ctx.sqlite, table, null, input.parentId);
      spec.check?.(ctx, input, null);
      const id = spec.insert(ctx, input);
      const dto = get(ctx.sqlite, id);
      changed(ctx, 'created', id, { created: input });
      return dto;
    },

    update(ctx: Ctx, input: UpdateBase & Partial<CreateIn> & { active?: boolean }): Dto {
      const before = get(ctx.sqlite, input.id);
      assertVersion(ctx.sqlite, entity, input.id, before, input.version);
      if (input.code !== undefined) assertUniqueCode(ctx.sqlite, table, entity, input.code, input.id);
      if (input.parentId !== undefined) assertParent(ctx.sqlite, table, input.id, input.parentId);
      spec.check?.(ctx, input, input.id);
      const changes = applyUpdate(
        ctx,
        table,
        input.id,
        spec.columns,
        input as Record<string, unknown>,
        before as unknown as Record<string, unknown>,
      );
      if (changes.length) changed(ctx, 'updated', input.id, { changes });
      return get(ctx.sqlite, input.id);
    },

    delete(ctx: Ctx, input: { id: number }): { id: number } {
      const before = get(ctx.sqlite, input.id);
      const id = input.id;
      const usage: Record<string, number> = {
        children: count(ctx.sqlite, `SELECT COUNT(*) FROM ${table} WHERE parent_id = ?`, id),
        // Deleted assets still refer to the node (and keep their history), so they count here.
        assets: count(
          ctx.sqlite,
          `SELECT COUNT(*) FROM assets WHERE ${spec.assetColumns.map((c) => `${c} = ?`).join(' OR ')}`,
          ...spec.assetColumns.map(() => id),
        ),
        ...spec.usage?.(ctx.sqlite, id),
      };
      deleteUnused(ctx, table, entity, id, usage);
      changed(ctx, 'deleted', id, {
        deleted: { code: before.code, name: before.name, path: before.pathName },
      });
      return { id };
    },
  };
}
