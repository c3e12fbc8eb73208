// Label templates and print history in SQLite: seeding one template per preset, the default
// template, optimistic locking, and the asset fields a label prints.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import { getSetting, setSetting } from '../../db/kv';
import type { LabelPrintDto, LabelTemplateDto } from './contract';
import { PRESETS, presetDefinition } from './presets';
import { templateDefinition, type LabelData } from './templates';

const SEEDED_KEY = 'labels.seeded';
export const LOGO_KEY = 'labels.logo';

interface TemplateRow {
  id: number;
  name: string;
  preset: string;
  definition: string;
  is_default: number;
  created_at: string;
  updated_at: string;
  version: number;
}

function toDto(r: TemplateRow): LabelTemplateDto {
  return {
    id: r.id,
    name: r.name,
    preset: r.preset,
    // Parsed again so definitions stored by an older app get today's defaults.
    definition: templateDefinition.parse(JSON.parse(r.definition)),
    isDefault: r.is_default === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Seeds one template per preset the first time labels are used (never again, even if deleted). */
export function ensureSeeded(sqlite: Sqlite, nowIso: string): void {
  if (getSetting<boolean>(sqlite, SEEDED_KEY)) return;
  const hasAny = sqlite.prepare('SELECT 1 FROM label_templates LIMIT 1').get();
  if (!hasAny) {
    const ins = sqlite.prepare(
      `INSERT INTO label_templates (name, preset, definition, is_default, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?)`,
    );
    PRESETS.forEach((p, i) =>
      ins.run(p.name, p.key, JSON.stringify(presetDefinition(p)), i === 0 ? 1 : 0, nowIso, nowIso),
    );
  }
  setSetting(sqlite, SEEDED_KEY, true, nowIso);
}

export function listTemplates(sqlite: Sqlite): LabelTemplateDto[] {
  const rows = sqlite
    .prepare('SELECT * FROM label_templates ORDER BY is_default DESC, id')
    .all() as TemplateRow[];
  return rows.map(toDto);
}

export function getTemplate(sqlite: Sqlite, id: number): LabelTemplateDto {
  const r = sqlite.prepare('SELECT * FROM label_templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!r) throw notFound('labelTemplate', id);
  return toDto(r);
}

/** The named template, else the default one. */
export function resolveTemplate(sqlite: Sqlite, id: number | undefined): LabelTemplateDto {
  if (id !== undefined) return getTemplate(sqlite, id);
  const r = sqlite.prepare('SELECT * FROM label_templates ORDER BY is_default DESC, id LIMIT 1').get() as
    TemplateRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'errors.labels.noTemplate');
  return toDto(r);
}

function makeDefault(sqlite: Sqlite, id: number): void {
  sqlite.prepare('UPDATE label_templates SET is_default = (id = ?)').run(id);
}

export function createTemplate(
  ctx: Ctx,
  input: { name: string; preset: string; definition: unknown; isDefault: boolean },
): LabelTemplateDto {
  const r = ctx.sqlite
    .prepare(
      `INSERT INTO label_templates (name, preset, definition, is_default, created_by, version, created_at, updated_at)
       VALUES (?, ?, ?, 0, ?, 1, ?, ?)`,
    )
    .run(
      input.name,
      input.preset,
      JSON.stringify(input.definition),
      ctx.session?.userId ?? null,
      ctx.nowIso,
      ctx.nowIso,
    );
  const id = Number(r.lastInsertRowid);
  const noDefault = !ctx.sqlite.prepare('SELECT 1 FROM label_templates WHERE is_default = 1').get();
  if (input.isDefault || noDefault) makeDefault(ctx.sqlite, id);
  ctx.audit({ entity: 'labelTemplate', entityId: id, details: { name: input.name, preset: input.preset } });
  return getTemplate(ctx.sqlite, id);
}

export function updateTemplate(
  ctx: Ctx,
  input: { id: number; version: number; name?: string; definition?: unknown; isDefault?: true },
): LabelTemplateDto {
  const before = getTemplate(ctx.sqlite, input.id);
  if (before.version !== input.version) {
    throw conflict('labelTemplate', input.id, {
      currentVersion: before.version,
      updatedAt: before.updatedAt,
    });
  }
  ctx.sqlite
    .prepare(
      `UPDATE label_templates SET name = ?, definition = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(
      input.name ?? before.name,
      JSON.stringify(input.definition ?? before.definition),
      ctx.nowIso,
      input.id,
    );
  if (input.isDefault) makeDefault(ctx.sqlite, input.id);
  const changed = Object.keys(input).filter((k) => k !== 'id' && k !== 'version');
  ctx.audit({ entity: 'labelTemplate', entityId: input.id, details: { name: before.name, changed } });
  return getTemplate(ctx.sqlite, input.id);
}

export function deleteTemplate(ctx: Ctx, id: number, version: number): void {
  const before = getTemplate(ctx.sqlite, id);
  if (before.version !== version) throw conflict('labelTemplate', id, { currentVersion: before.version });
  if (before.isDefault) throw new AppError('IN_USE', 'errors.labels.defaultTemplate', { name: before.name });
  ctx.sqlite.prepare('DELETE FROM label_templates WHERE id = ?').run(id);
  ctx.audit({ entity: 'labelTemplate', entityId: id, details: { name: before.name } });
}

/** Label fields for each asset, in the order asked; NOT_FOUND names the first missing or deleted id. */
export function loadLabelData(sqlite: Sqlite, ids: number[]): { id: number; data: LabelData }[] {
  const company = getSetting<{ name?: string }>(sqlite, 'company.profile')?.name ?? '';
  const stmt = sqlite.prepare(
    `SELECT a.id, a.asset_code, a.name, a.model, a.serial_no, c.name AS category_name, l.name AS location_name,
       d.name AS department_name, p.name AS custodian_name, s.name AS supplier_name, a.purchase_date, a.in_service_date
     FROM assets a
     JOIN categories c ON c.id = a.category_id
     LEFT JOIN locations l ON l.id = a.location_id
     LEFT JOIN departments d ON d.id = a.department_id
     LEFT JOIN custodians p ON p.id = a.custodian_id
     LEFT JOIN suppliers s ON s.id = a.supplier_id
     WHERE a.id = ? AND a.deleted_at IS NULL`,
  );
  return ids.map((id) => {
    const r = stmt.get(id) as Record<string, string | null> | undefined;
    if (!r) throw notFound('asset', id);
    return {
      id,
      data: {
        assetCode: r.asset_code,
        name: r.name,
        model: r.model,
        serialNo: r.serial_no,
        categoryName: r.category_name,
        locationName: r.location_name,
        departmentName: r.department_name,
        custodianName: r.custodian_name,
        supplierName: r.supplier_name,
        purchaseDate: r.purchase_date,
        inServiceDate: r.in_service_date,
        companyName: company,
      },
    };
  });
}

export function getLogo(sqlite: Sqlite): { mime: string; data: string } | null {
  return getSetting<{ mime: string; data: string } | null>(sqlite, LOGO_KEY) ?? null;
}

interface PrintRow {
  id: number;
  created_at: string;
  username: string;
  template_id: number | null;
  template_name: string;
  output: string;
  target: string;
  asset_ids: string;
  asset_count: number;
  copies: number;
  start_position: number;
  status: string;
  error: string | null;
  job_id: string | null;
  finished_at: string | null;
}

export function listPrints(sqlite: Sqlite, assetId: number | undefined, limit: number): LabelPrintDto[] {
  const rows = (
    assetId === undefined
      ? sqlite.prepare('SELECT * FROM label_prints ORDER BY id DESC LIMIT ?').all(limit)
      : sqlite
          .prepare(
            `SELECT * FROM label_prints WHERE EXISTS (SELECT 1 FROM json_each(asset_ids) WHERE value = ?)
             ORDER BY id DESC LIMIT ?`,
          )
          .all(assetId, limit)
  ) as PrintRow[];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    username: r.username,
    templateId: r.template_id,
    templateName: r.template_name,
    output: r.output as LabelPrintDto['output'],
    target: r.target,
    assetIds: JSON.parse(r.asset_ids) as number[],
    assetCount: r.asset_count,
    copies: r.copies,
    startPosition: r.start_position,
    status: r.status as LabelPrintDto['status'],
    error: r.error,
    jobId: r.job_id,
    finishedAt: r.finished_at,
  }));
}
