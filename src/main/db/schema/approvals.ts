// The approval engine shared by every document kind: templates (ordered steps with conditions),
// one instance per submission round, its resolved steps, the immutable action trail and
// "while I'm away" delegations.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './common';
import { users } from './users';

export const approvalTemplates = sqliteTable(
  'approval_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Document kind key, e.g. 'requisition', 'disposal'. */
    kind: text('kind').notNull(),
    /** JSON ApprovalCondition: which documents of the kind this template applies to. */
    conditions: text('conditions').notNull().default('{}'),
    /** JSON ApprovalStepSpec[]: ordered steps, each with its own optional condition. */
    steps: text('steps').notNull().default('[]'),
    /** Lower first; the first active matching template wins. */
    priority: integer('priority').notNull().default(100),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...versioned(),
  },
  (t) => [index('approval_templates_kind_idx').on(t.kind, t.priority)],
);

/** One submission round of one document; a returned document starts a new round on resubmit. */
export const approvalInstances = sqliteTable(
  'approval_instances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    documentId: integer('document_id').notNull(),
    round: integer('round').notNull(),
    templateId: integer('template_id'),
    templateName: text('template_name').notNull(),
    /** pending | approved | rejected | returned | cancelled */
    status: text('status').notNull(),
    /** Snapshot of the document at submit, so the inbox needs no per-kind lookups. */
    docNumber: text('doc_number').notNull(),
    docTitle: text('doc_title').notNull().default(''),
    amount: integer('amount').notNull().default(0),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('approval_instances_doc_round_uq').on(t.kind, t.documentId, t.round),
    index('approval_instances_status_idx').on(t.status),
  ],
);

/** The steps of an instance, resolved at submit (who may act is fixed then, except delegation). */
export const approvalSteps = sqliteTable(
  'approval_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => approvalInstances.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    /** role | user | department_head */
    approverType: text('approver_type').notNull(),
    roleKey: text('role_key'),
    /** The one user who may act (user and department_head steps, or after a delegation). */
    assigneeId: integer('assignee_id').references(() => users.id),
    /** waiting | pending | approved | rejected | returned | skipped | cancelled */
    status: text('status').notNull(),
    pendingSince: text('pending_since'),
    actedBy: integer('acted_by').references(() => users.id),
    /** Set when the actor acted for someone away (a delegation). */
    onBehalfOf: integer('on_behalf_of').references(() => users.id),
    actedAt: text('acted_at'),
  },
  (t) => [
    uniqueIndex('approval_steps_instance_seq_uq').on(t.instanceId, t.seq),
    index('approval_steps_status_idx').on(t.status),
  ],
);

/** The trail: append-only (triggers in db/client.ts refuse UPDATE and DELETE). */
export const approvalActions = sqliteTable(
  'approval_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => approvalInstances.id),
    kind: text('kind').notNull(),
    documentId: integer('document_id').notNull(),
    stepSeq: integer('step_seq'),
    /** submit | approve | reject | return | delegate | skip | cancel */
    action: text('action').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name').notNull(),
    onBehalfOf: integer('on_behalf_of').references(() => users.id),
    delegateTo: integer('delegate_to').references(() => users.id),
    comment: text('comment').notNull().default(''),
    at: text('at').notNull(),
  },
  (t) => [index('approval_actions_doc_idx').on(t.kind, t.documentId)],
);

/** "While I'm away": from_user's approvals may be done by to_user between the dates (inclusive). */
export const approvalDelegations = sqliteTable(
  'approval_delegations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromUserId: integer('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: integer('to_user_id')
      .notNull()
      .references(() => users.id),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** Null: every kind; else one document kind. */
    kind: text('kind'),
    note: text('note').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...versioned(),
  },
  (t) => [
    index('approval_delegations_to_idx').on(t.toUserId),
    index('approval_delegations_from_idx').on(t.fromUserId),
  ],
);
