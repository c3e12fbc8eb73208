// Approval engine handlers: thin over templates.ts, engine.ts, trail.ts and delegations.ts.
import type { HandlersOf } from '../../api/context';
import type { approvalsContract } from './contract';
import { approvalKindKeys } from './registry';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './templates';
import { act } from './engine';
import { inbox, readTrail } from './trail';
import { cancelDelegation, createDelegation, listDelegations } from './delegations';

export const approvalsHandlers: HandlersOf<typeof approvalsContract> = {
  'approvals.kinds': () => approvalKindKeys(),
  'approvals.templates.list': (ctx, { kind }) => listTemplates(ctx, kind),
  'approvals.templates.get': (ctx, { id }) => getTemplate(ctx, id),
  'approvals.templates.create': (ctx, input) => createTemplate(ctx, input),
  'approvals.templates.update': (ctx, input) => updateTemplate(ctx, input),
  'approvals.templates.delete': (ctx, { id, version }) => deleteTemplate(ctx, id, version),
  'approvals.inbox': (ctx, { kind }) => inbox(ctx, kind),
  'approvals.act': (ctx, input) => {
    act(ctx, input);
    return readTrail(ctx, input.kind, input.documentId, false);
  },
  'approvals.trail': (ctx, { kind, documentId }) => readTrail(ctx, kind, documentId),
  'approvals.delegations.list': (ctx, { all }) => listDelegations(ctx, all),
  'approvals.delegations.create': (ctx, input) => createDelegation(ctx, input),
  'approvals.delegations.cancel': (ctx, { id, version }) => cancelDelegation(ctx, id, version),
};
