// The import wizard's state: the chosen file and options, the server's preview (counts, problems,
// columns), the mapping being edited, and the committed result.
import {
  IMPORT_KINDS,
  type ImportCommitResult,
  type ImportKind,
  type ImportPreviewResult,
} from '../../../../main/modules/io/contract';
import { call, type ApiError } from '../../lib/api';
import { readBase64 } from './files';

export type Mode = 'insert' | 'update' | 'upsert';
export type Key = 'assetCode' | 'legacyId' | 'externalRef';

/** The kinds in the order the picker shows them (the server's own list, as io.templates gives it). */
export const KINDS: ImportKind[] = [...IMPORT_KINDS];

export class ImportWizard {
  step = $state<'file' | 'preview' | 'result'>('file');
  kind = $state<ImportKind>('assets');
  fileName = $state('');
  mode = $state<Mode>('insert');
  key = $state<Key>('assetCode');
  createMissing = $state(false);
  sheet = $state<string | undefined>(undefined);
  /** Column letter → field ('' ignores the column), as edited; sent only once the user changes it. */
  mapping = $state<Record<string, string>>({});
  mappingEdited = $state(false);
  skipErrorRows = $state(false);

  preview = $state.raw<ImportPreviewResult | null>(null);
  result = $state.raw<ImportCommitResult | null>(null);
  busy = $state(false);
  error = $state<ApiError | null>(null);

  #file: string | null = null;

  async choose(file: File) {
    this.fileName = file.name;
    this.#file = await readBase64(file);
    this.sheet = undefined;
    this.mapping = {};
    this.mappingEdited = false;
    await this.run();
  }

  /** (Re)builds the preview with the current options. */
  async run() {
    if (!this.#file) return;
    this.busy = true;
    this.error = null;
    const r = await call('io.importPreview', {
      kind: this.kind,
      file: this.#file,
      fileName: this.fileName,
      sheet: this.sheet,
      mapping: this.mappingEdited ? { ...this.mapping } : undefined,
      mode: this.mode,
      key: this.key,
      createMissing: this.createMissing,
    });
    this.busy = false;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.preview = r.data;
    this.sheet = r.data.sheet;
    this.mapping = Object.fromEntries(r.data.columns.map((c) => [c.column, c.field ?? '']));
    this.skipErrorRows = false;
    this.step = 'preview';
  }

  /** Another kind: the columns mean other fields, so the mapping starts over. */
  async setKind(kind: ImportKind) {
    this.kind = kind;
    this.mapping = {};
    this.mappingEdited = false;
    await this.run();
  }

  setField(column: string, field: string) {
    this.mapping = { ...this.mapping, [column]: field };
    this.mappingEdited = true;
  }

  /** Rows the commit would write. */
  get writable(): number {
    const c = this.preview?.counts;
    return c ? c.insert + c.update : 0;
  }

  get canCommit(): boolean {
    const c = this.preview?.counts;
    return !!c && this.writable > 0 && (c.error === 0 || this.skipErrorRows) && !this.busy;
  }

  reset() {
    this.step = 'file';
    this.fileName = '';
    this.#file = null;
    this.preview = null;
    this.result = null;
    this.error = null;
    this.sheet = undefined;
    this.mapping = {};
    this.mappingEdited = false;
  }
}
