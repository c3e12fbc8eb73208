// Requisition handlers: thin over write.ts, rows.ts, budgets.ts and templates.ts. Importing this
// file registers the 'requisition' kind with the approval engine (in write.ts).
import type { HandlersOf } from '../../api/context';
import type { requisitionsContract } from './contract';
import { requisitionDto, listRequisitions, requisitionRow, assertCanSee } from './rows';
import { cancelRequisition, createRequisition, submitRequisition, updateRequisition } from './write';
import { checkBudget, deleteBudget, listBudgets, setBudget, setBudgetMode } from './budgets';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates';

export const requisitionsHandlers: HandlersOf<typeof requisitionsContract> = {
  'requisitions.create': (ctx, input) => requisitionDto(ctx, createRequisition(ctx, input)),
  'requisitions.update': (ctx, input) => {
    updateRequisition(ctx, input);
    return requisitionDto(ctx, input.id);
  },
  'requisitions.submit': (ctx, input) => {
    submitRequisition(ctx, input);
    return requisitionDto(ctx, input.id);
  },
  'requisitions.cancel': (ctx, input) => {
    cancelRequisition(ctx, input);
    return requisitionDto(ctx, input.id);
  },
  'requisitions.get': (ctx, { id }) => requisitionDto(ctx, id),
  'requisitions.list': (ctx, input) => listRequisitions(ctx, input),
  'requisitions.budgetCheck': (ctx, { id }) => {
    const r = requisitionRow(ctx, id);
    assertCanSee(ctx, r);
    return checkBudget(ctx, r, r.budget_year ?? Number(ctx.today.slice(0, 4)));
  },
  'requisitions.templates.list': (ctx) => listTemplates(ctx),
  'requisitions.templates.create': (ctx, input) => createTemplate(ctx, input),
  'requisitions.templates.update': (ctx, input) => updateTemplate(ctx, input),
  'requisitions.templates.delete': (ctx, { id, version }) => deleteTemplate(ctx, id, version),
  'requisitions.budgets.list': (ctx, { year, departmentId }) => listBudgets(ctx, year, departmentId),
  'requisitions.budgets.set': (ctx, input) => setBudget(ctx, input),
  'requisitions.budgets.delete': (ctx, { id, version }) => deleteBudget(ctx, id, version),
  'requisitions.budgets.setMode': (ctx, { mode, version }) => setBudgetMode(ctx, mode, version),
};
