// The three settings trees (categories, locations, departments): descendants for filtering, path
// names for display, tree ordering for lists, and the parent checks that keep them acyclic.
import type { Sqlite } from '../../db/client';
import { validation } from '../../api/errors';

export type TreeTable = 'categories' | 'locations' | 'departments';

const TABLES: readonly TreeTable[] = ['categories', 'locations', 'departments'];

/** The table name is interpolated into SQL, so only the three known names pass. */
function checked(table: TreeTable): TreeTable {
  if (!TABLES.includes(table)) throw new Error(`not a tree table: ${String(table)}`);
  return table;
}

/** The node and all its descendants (any depth, active or not); [] when the id does not exist. */
export function subtreeIds(sqlite: Sqlite, table: TreeTable, id: number): number[] {
  const t = checked(table);
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE sub(id) AS (
         SELECT id FROM ${t} WHERE id = ?
         UNION SELECT c.id FROM ${t} c JOIN sub ON c.parent_id = sub.id
       ) SELECT id FROM sub`,
    )
    .pluck()
    .all(id) as number[];
  return rows;
}

/** Names from the root down to the node, and whether every node on the way is active. */
export function ancestry(
  sqlite: Sqlite,
  table: TreeTable,
  id: number,
): { path: string[]; allActive: boolean } {
  const t = checked(table);
  // depth guards against a cycle written behind the app's back.
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE up(id, parent_id, name, active, depth) AS (
         SELECT id, parent_id, name, active, 0 FROM ${t} WHERE id = ?
         UNION ALL SELECT p.id, p.parent_id, p.name, p.active, up.depth + 1
           FROM ${t} p JOIN up ON p.id = up.parent_id WHERE up.depth < 64
       ) SELECT name, active FROM up ORDER BY depth DESC`,
    )
    .all(id) as { name: string; active: number }[];
  return { path: rows.map((r) => r.name), allActive: rows.every((r) => r.active) };
}

/** Names from the root down to the node itself; [] when the id does not exist. */
export function pathNames(sqlite: Sqlite, table: TreeTable, id: number): string[] {
  return ancestry(sqlite, table, id).path;
}

/** "通用设备 / 计算机设备 / 台式计算机", or '' when the id does not exist. */
export function pathName(sqlite: Sqlite, table: TreeTable, id: number, separator = ' / '): string {
  return pathNames(sqlite, table, id).join(separator);
}

export interface TreeNode {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
}

export type Placed<T> = T & { path: string[]; depth: number; effectiveActive: boolean };

/**
 * Orders a whole tree depth-first (siblings by sortOrder, then code) and adds each node's path of
 * names, its depth, and whether it and all its ancestors are active. Nodes whose parent is missing
 * are treated as roots, so nothing is lost from the list.
 */
export function placeTree<T extends TreeNode>(nodes: T[]): Placed<T>[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<number | null, T[]>();
  for (const n of nodes) {
    const key = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    const list = children.get(key);
    if (list) list.push(n);
    else children.set(key, [n]);
  }
  const bySibling = (a: T, b: T) =>
    a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const out: Placed<T>[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, path: string[], active: boolean) => {
    for (const n of (children.get(parent) ?? []).sort(bySibling)) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      const p = [...path, n.name];
      const eff = active && n.active;
      out.push({ ...n, path: p, depth: p.length - 1, effectiveActive: eff });
      visit(n.id, p, eff);
    }
  };
  visit(null, [], true);
  return out;
}

/**
 * Checks a node's new parent: it must exist and must not be the node or one of its descendants
 * (which would cut the branch off into a cycle). `id` is null for a node being created.
 */
export function assertParent(
  sqlite: Sqlite,
  table: TreeTable,
  id: number | null,
  parentId: number | null,
): void {
  if (parentId === null) return;
  const t = checked(table);
  const exists = sqlite.prepare(`SELECT 1 FROM ${t} WHERE id = ?`).get(parentId);
  if (!exists) throw validation('parentId', 'validation.parentNotFound', { id: parentId });
  if (id !== null && subtreeIds(sqlite, table, id).includes(parentId)) {
    throw validation('parentId', 'validation.treeCycle', { id, parentId });
  }
}
