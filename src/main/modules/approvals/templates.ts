// Approval templates (审批流程模板): stored with their steps as JSON, checked against the roles,
// users, categories and departments they name.
import type { Ctx } from '../../api/context';
import { conflict, notFound, validation } from '../../api/errors';
import type { ApprovalCondition, ApprovalStepSpec, ApprovalTemplateDto } from './contract';
import { approvalKind } from './registry';

interface TemplateRow {
  id: number;
  name: string;
  kind: string;
  conditions: string;
  steps: string;
  priority: number;
  active: number;
  version: number;
  updated_at: string;
}

const toDto = (r: TemplateRow): ApprovalTemplateDto => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  conditions: JSON.parse(r.conditions) as ApprovalCondition,
  steps: JSON.parse(r.steps) as ApprovalStepSpec[],
  priority: r.priority,
  active: r.active === 1,
  version: r.version,
  updatedAt: r.updated_at,
});

function row(ctx: Ctx, id: number): TemplateRow {
  const r = ctx.sqlite.prepare('SELECT * FROM approval_templates WHERE id = ?').get(id) as
    TemplateRow | undefined;
  if (!r) throw notFound('approvalTemplate', id);
  return r;
}

function checkIds(
  ctx: Ctx,
  table: 'categories' | 'departments',
  ids: number[] | undefined,
  path: string,
): void {
  const exists = ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
  ids?.forEach((id, i) => {
    if (!exists.get(id)) throw validation(`${path}.${i}`, 'validation.notFound', { id });
  });
}

function checkCondition(ctx: Ctx, c: ApprovalCondition | undefined, path: string): void {
  if (!c) return;
  checkIds(ctx, 'categories', c.categoryIds, `${path}.categoryIds`);
  checkIds(ctx, 'departments', c.departmentIds, `${path}.departmentIds`);
}

function checkSteps(ctx: Ctx, steps: ApprovalStepSpec[]): void {
  steps.forEach((s, i) => {
    const a = s.approver;
    if (a.type === 'role' && !ctx.sqlite.prepare('SELECT 1 FROM roles WHERE key = ?').get(a.role)) {
      throw validation(`steps.${i}.approver.role`, 'validation.notFound', { role: a.role });
    }
    if (a.type === 'user' && !ctx.sqlite.prepare('SELECT 1 FROM users WHERE id = ?').get(a.userId)) {
      throw validation(`steps.${i}.approver.userId`, 'validation.notFound', { id: a.userId });
    }
    checkCondition(ctx, s.condition, `steps.${i}.condition`);
  });
}

export function listTemplates(ctx: Ctx, kind?: string): ApprovalTemplateDto[] {
  const rows = ctx.sqlite
    .prepare(`SELECT * FROM approval_templates WHERE (? IS NULL OR kind = ?) ORDER BY kind, priority, id`)
    .all(kind ?? null, kind ?? null) as TemplateRow[];
  return rows.map(toDto);
}

export const getTemplate = (ctx: Ctx, id: number) => toDto(row(ctx, id));

export function createTemplate(
  ctx: Ctx,
  input: {
    name: string;
    kind: string;
    conditions: ApprovalCondition;
    steps: ApprovalStepSpec[];
    priority: number;
    active: boolean;
  },
): ApprovalTemplateDto {
  approvalKind(input.kind);
  checkCondition(ctx, input.conditions, 'conditions');
  checkSteps(ctx, input.steps);
  const id = Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO approval_templates (name, kind, conditions, steps, priority, active, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        input.name,
        input.kind,
        JSON.stringify(input.conditions),
        JSON.stringify(input.steps),
        input.priority,
        input.active ? 1 : 0,
        ctx.nowIso,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  const dto = getTemplate(ctx, id);
  ctx.audit({ entity: 'approvalTemplate', entityId: id, details: dto });
  return dto;
}

export function updateTemplate(
  ctx: Ctx,
  input: {
    id: number;
    version: number;
    name?: string;
    conditions?: ApprovalCondition;
    steps?: ApprovalStepSpec[];
    priority?: number;
    active?: boolean;
  },
): ApprovalTemplateDto {
  const before = toDto(row(ctx, input.id));
  if (before.version !== input.version) throw conflict('approvalTemplate', input.id, { current: before });
  if (input.conditions) checkCondition(ctx, input.conditions, 'conditions');
  if (input.steps) checkSteps(ctx, input.steps);
  const after = {
    name: input.name ?? before.name,
    conditions: input.conditions ?? before.conditions,
    steps: input.steps ?? before.steps,
    priority: input.priority ?? before.priority,
    active: input.active ?? before.active,
  };
  ctx.sqlite
    .prepare(
      `UPDATE approval_templates SET name = ?, conditions = ?, steps = ?, priority = ?, active = ?,
         version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .run(
      after.name,
      JSON.stringify(after.conditions),
      JSON.stringify(after.steps),
      after.priority,
      after.active ? 1 : 0,
      ctx.nowIso,
      input.id,
    );
  ctx.audit({ entity: 'approvalTemplate', entityId: input.id, details: { before, after } });
  return getTemplate(ctx, input.id);
}

export function deleteTemplate(ctx: Ctx, id: number, version: number): { id: number } {
  const before = toDto(row(ctx, id));
  if (before.version !== version) throw conflict('approvalTemplate', id, { current: before });
  // Instances keep template_id as a plain reference (no foreign key): their steps were copied at submit.
  ctx.sqlite.prepare('DELETE FROM approval_templates WHERE id = ?').run(id);
  ctx.audit({ entity: 'approvalTemplate', entityId: id, details: { before } });
  return { id };
}
