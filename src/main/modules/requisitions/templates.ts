// Saved line sets for common requests (申购模板): one's own, or shared by a manager with everyone.
import type { Ctx } from '../../api/context';
import { AppError, conflict, notFound } from '../../api/errors';
import type { RequisitionLineInput, RequisitionTemplateDto } from './contract';

interface Row {
  id: number;
  name: string;
  owner_id: number | null;
  lines: string;
  version: number;
}

const toDto = (r: Row): RequisitionTemplateDto => ({
  id: r.id,
  name: r.name,
  shared: r.owner_id === null,
  ownerId: r.owner_id,
  lines: JSON.parse(r.lines) as RequisitionLineInput[],
  version: r.version,
});

const isManager = (ctx: Ctx) => ctx.user().permissions.has('requisitions.read');

/** A template the caller may use: shared or their own. */
function visible(ctx: Ctx, id: number): Row {
  const r = ctx.sqlite.prepare('SELECT * FROM requisition_templates WHERE id = ?').get(id) as Row | undefined;
  if (!r || (r.owner_id !== null && r.owner_id !== ctx.user().userId))
    throw notFound('requisitionTemplate', id);
  return r;
}

function editable(ctx: Ctx, id: number, version: number): Row {
  const r = visible(ctx, id);
  if (r.owner_id === null && !isManager(ctx))
    throw new AppError('FORBIDDEN', 'errors.requisitionTemplateShared');
  if (r.version !== version) throw conflict('requisitionTemplate', id, { current: toDto(r) });
  return r;
}

export function templateLines(ctx: Ctx, id: number): RequisitionLineInput[] {
  return toDto(visible(ctx, id)).lines;
}

export function listTemplates(ctx: Ctx): RequisitionTemplateDto[] {
  const rows = ctx.sqlite
    .prepare('SELECT * FROM requisition_templates WHERE owner_id IS NULL OR owner_id = ? ORDER BY name, id')
    .all(ctx.user().userId) as Row[];
  return rows.map(toDto);
}

export function createTemplate(
  ctx: Ctx,
  input: { name: string; lines: RequisitionLineInput[]; shared: boolean },
): RequisitionTemplateDto {
  if (input.shared && !isManager(ctx)) throw new AppError('FORBIDDEN', 'errors.requisitionTemplateShared');
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO requisition_templates (name, owner_id, lines, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
      )
      .run(
        input.name,
        input.shared ? null : ctx.user().userId,
        JSON.stringify(input.lines),
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  ctx.audit({ entity: 'requisitionTemplate', entityId: id, details: input });
  return toDto(visible(ctx, id));
}

export function updateTemplate(
  ctx: Ctx,
  input: { id: number; version: number; name?: string; lines?: RequisitionLineInput[] },
): RequisitionTemplateDto {
  const r = editable(ctx, input.id, input.version);
  ctx.sqlite
    .prepare(
      'UPDATE requisition_templates SET name = ?, lines = ?, version = version + 1, updated_at = ? WHERE id = ?',
    )
    .run(input.name ?? r.name, input.lines ? JSON.stringify(input.lines) : r.lines, ctx.nowIso, r.id);
  ctx.audit({ entity: 'requisitionTemplate', entityId: r.id, details: { before: toDto(r), after: input } });
  return toDto(visible(ctx, r.id));
}

export function deleteTemplate(ctx: Ctx, id: number, version: number): { id: number } {
  const r = editable(ctx, id, version);
  ctx.sqlite.prepare('DELETE FROM requisition_templates WHERE id = ?').run(id);
  ctx.audit({ entity: 'requisitionTemplate', entityId: id, details: { before: toDto(r) } });
  return { id };
}
