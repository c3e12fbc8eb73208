// Types shared by the generic components and the screens that feed them.
import type { Snippet } from 'svelte';

/** A node of a tree given as a flat list (categories, locations, departments). */
export interface TreeItem {
  id: number;
  parentId: number | null;
  name: string;
  code?: string;
  /** False hides the node from the choices (it still shows when it is the current value). */
  effectiveActive?: boolean;
}

/** One column of a DataTable. */
export interface Column<T> {
  /** Stable id; also the sort field unless `sortField` says otherwise. */
  key: string;
  /** i18n key of the header. */
  label: string;
  /** Pixels; the last flexible column takes the rest. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** Sortable by this server field (true: by `key`). */
  sort?: boolean | string;
  /** Cell text when no snippet is given. */
  value?: (row: T) => string | number | null | undefined;
  /** Cell content. */
  render?: Snippet<[T]>;
}

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
}

/** An option of an EntitySelect. */
export interface EntityOption {
  id: number;
  label: string;
  /** Second line: code, department. */
  hint?: string;
}
