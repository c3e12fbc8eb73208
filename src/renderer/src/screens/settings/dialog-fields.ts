// Field descriptions for FieldsDialog: what to show and how to edit it.
import type { TreeItem } from '../../components/types';

export type FieldSpec =
  | { key: string; label: string; kind: 'text' | 'textarea' | 'number'; hint?: string }
  | { key: string; label: string; kind: 'tree'; items: TreeItem[] };

export type Values = Record<string, string | number | null>;

/** Values as text, for the string fields of an API input. */
export const text = (v: Values, key: string): string => String(v[key] ?? '');
