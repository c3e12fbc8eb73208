import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, laptops, makeCompany, submitted, type Company } from './approvals-fixtures';
import { registerApprovalKind } from '../../src/main/modules/approvals/registry';
import { startApproval } from '../../src/main/modules/approvals/engine';
import { localDate } from '../../src/main/util/dates';

let t: TestCore;
let c: Company;
beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
});
afterEach(async () => {
  await t.close();
});

const act = (
  who: string,
  documentId: number,
  action: 'approve' | 'reject' | 'return' | 'delegate',
  extra = {},
) => t.raw(c.tok[who]!, 'approvals.act', { kind: 'requisition', documentId, action, ...extra });

describe('approval engine with requisitions', () => {
  it('an employee requests two laptops; the department head then finance approve; a clerk and the wrong step cannot', () => {
    const r = submitted(t, c, 'emp', [laptops(c)]);
    expect(r.number).toMatch(/^RQ-\d{6}-0001$/);
    expect(r.status).toBe('pending');
    expect(r.totalAmount).toBe(1_600_000);
    expect(r.approval?.waitingAt).toMatchObject({
      seq: 1,
      approverType: 'department_head',
      assigneeId: c.ids.head,
    });

    // The clerk has no approval permission at all; finance is not the step it waits at.
    expect(errorOf(act('clerk', r.id, 'approve'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.forbidden',
    });
    expect(errorOf(act('fin', r.id, 'approve'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.approvalNotYourStep',
    });
    expect(t.call(c.tok.fin!, 'approvals.inbox', {}).total).toBe(0);
    const headInbox = t.call(c.tok.head!, 'approvals.inbox', {});
    expect(headInbox.counts).toEqual({ requisition: 1 });
    expect(headInbox.rows[0]).toMatchObject({
      documentId: r.id,
      number: r.number,
      amount: 1_600_000,
      requesterName: 'EMP',
    });

    const afterHead = t.call(c.tok.head!, 'approvals.act', {
      kind: 'requisition',
      documentId: r.id,
      action: 'approve',
      comment: '同意',
    });
    expect(afterHead.current?.waitingAt).toMatchObject({
      seq: 2,
      approverType: 'role',
      roleKey: 'accountant',
    });
    // The requester sees where it waits.
    const seen = t.call(c.tok.emp!, 'requisitions.get', { id: r.id });
    expect(seen.approval?.waitingAt?.name).toBe('财务');
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).total).toBe(0);
    expect(t.call(c.tok.fin!, 'approvals.inbox', {}).counts).toEqual({ requisition: 1 });
    expect(t.call(c.tok.fin2!, 'approvals.inbox', {}).total).toBe(1);

    t.call(c.tok.fin!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    expect(t.call(c.tok.emp!, 'requisitions.get', { id: r.id })).toMatchObject({
      status: 'approved',
      approval: { status: 'approved', waitingAt: null },
    });
    expect(t.call(c.tok.fin2!, 'approvals.inbox', {}).total).toBe(0);
    // Nothing is pending any more.
    expect(errorOf(act('fin2', r.id, 'approve')).code).toBe('INVALID_TRANSITION');

    const trail = t.call(c.tok.emp!, 'approvals.trail', { kind: 'requisition', documentId: r.id });
    expect(trail.actions.map((a) => [a.action, a.actorId, a.comment])).toEqual([
      ['submit', c.ids.emp, ''],
      ['approve', c.ids.head, '同意'],
      ['approve', c.ids.fin, ''],
    ]);
    // Every act has its audit row, naming the document.
    const audit = t.call(t.adminToken, 'audit.list', {
      entity: 'requisition',
      entityId: String(r.id),
      limit: 50,
    });
    const actions = audit.rows.map((row: { action: string }) => row.action);
    expect(actions.filter((x: string) => x === 'approvals.approve')).toHaveLength(2);
    expect(actions).toContain('approvals.submit');
    expect(actions).toContain('requisitions.create');
  });

  it('nobody approves their own document, and nobody approves two steps of one round', () => {
    // Finance asks; the finance step may only be done by the other accountant.
    const mine = submitted(t, c, 'fin', [laptops(c, 1)]);
    // fin is in HQ, whose head is the general manager.
    expect(mine.approval?.waitingAt?.assigneeId).toBe(c.ids.gm);
    t.call(c.tok.gm!, 'approvals.act', { kind: 'requisition', documentId: mine.id, action: 'approve' });
    expect(errorOf(act('fin', mine.id, 'approve'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.approvalOwnDocument',
    });
    expect(t.call(c.tok.fin!, 'approvals.inbox', {}).total).toBe(0);
    t.call(c.tok.fin2!, 'approvals.act', { kind: 'requisition', documentId: mine.id, action: 'approve' });

    // Two "approver" steps: the head cannot take both.
    const tpl = t.call(t.adminToken, 'approvals.templates.create', {
      name: '两级审批',
      kind: 'requisition',
      steps: [
        { name: '审批一', approver: { type: 'role', role: 'approver' } },
        { name: '审批二', approver: { type: 'role', role: 'approver' } },
      ],
    });
    expect(tpl.steps).toHaveLength(2);
    const r = submitted(t, c, 'emp', [laptops(c)]);
    t.call(c.tok.head!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    expect(errorOf(act('head', r.id, 'approve'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.approvalSeparation',
    });
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).total).toBe(0);
    t.call(c.tok.spare!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    expect(t.call(c.tok.emp!, 'requisitions.get', { id: r.id }).status).toBe('approved');
  });

  it('a department head’s own request goes to the head above', () => {
    const r = submitted(t, c, 'head', [laptops(c, 1)]);
    expect(r.approval?.waitingAt).toMatchObject({ approverType: 'department_head', assigneeId: c.ids.gm });
  });

  it('the amount condition adds the general manager’s step', () => {
    t.call(t.adminToken, 'approvals.templates.create', {
      name: '申购审批',
      kind: 'requisition',
      steps: [
        { name: '部门负责人', approver: { type: 'department_head' } },
        { name: '财务', approver: { type: 'role', role: 'accountant' } },
        {
          name: '总经理',
          approver: { type: 'user', userId: c.ids.gm! },
          condition: { minAmount: 5_000_000 },
        },
      ],
    });
    const small = submitted(t, c, 'emp', [laptops(c, 2)]); // ¥16,000
    const big = submitted(t, c, 'emp', [laptops(c, 10, 600_000)]); // ¥60,000
    const steps = (id: number) =>
      t
        .call(c.tok.emp!, 'approvals.trail', { kind: 'requisition', documentId: id })
        .rounds[0]!.steps.map((s) => s.name);
    expect(steps(small.id)).toEqual(['部门负责人', '财务']);
    expect(steps(big.id)).toEqual(['部门负责人', '财务', '总经理']);
    for (const who of ['head', 'fin'])
      t.call(c.tok[who]!, 'approvals.act', { kind: 'requisition', documentId: big.id, action: 'approve' });
    expect(t.call(c.tok.emp!, 'requisitions.get', { id: big.id })).toMatchObject({
      status: 'pending',
      approval: { waitingAt: { name: '总经理', assigneeId: c.ids.gm } },
    });
    expect(t.call(c.tok.gm!, 'approvals.inbox', {}).rows.map((x) => x.documentId)).toEqual([big.id]);
    t.call(c.tok.gm!, 'approvals.act', { kind: 'requisition', documentId: big.id, action: 'approve' });
    expect(t.call(c.tok.emp!, 'requisitions.get', { id: big.id }).status).toBe('approved');

    // A template limited to another department does not apply; conditions by category choose too.
    const furnitureOnly = t.call(t.adminToken, 'approvals.templates.create', {
      name: '家具',
      kind: 'requisition',
      priority: 1,
      conditions: { categoryIds: [c.cat.furniture] },
      steps: [{ name: '资产管理员', approver: { type: 'role', role: 'asset_manager' } }],
    });
    const chair = submitted(t, c, 'emp', [
      { ...laptops(c, 1, 50_000), categoryId: c.cat.furniture, spec: '椅子' },
    ]);
    expect(chair.approval?.templateName).toBe(furnitureOnly.name);
    expect(submitted(t, c, 'emp', [laptops(c, 1)]).approval?.templateName).toBe('申购审批');
  });

  it('reject needs a reason, and the reason is kept', () => {
    const r = submitted(t, c, 'emp', [laptops(c)]);
    const bad = errorOf(act('head', r.id, 'reject'));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details).toEqual([
      expect.objectContaining({ path: 'comment', message: 'validation.approvalReasonRequired' }),
    ]);
    expect(errorOf(act('head', r.id, 'reject', { comment: '   ' })).code).toBe('VALIDATION');
    t.call(c.tok.head!, 'approvals.act', {
      kind: 'requisition',
      documentId: r.id,
      action: 'reject',
      comment: '预算不足',
    });
    const got = t.call(c.tok.emp!, 'requisitions.get', { id: r.id });
    expect(got.status).toBe('rejected');
    expect(got.approval).toMatchObject({ status: 'rejected', waitingAt: null });
    const trail = t.call(c.tok.emp!, 'approvals.trail', { kind: 'requisition', documentId: r.id });
    expect(trail.actions.at(-1)).toMatchObject({
      action: 'reject',
      comment: '预算不足',
      actorId: c.ids.head,
    });
    expect(trail.rounds[0]!.steps.map((s) => s.status)).toEqual(['rejected', 'cancelled']);
    // A rejected requisition cannot be edited or resubmitted.
    expect(errorOf(t.raw(c.tok.emp!, 'requisitions.submit', { id: r.id, version: got.version })).code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('return for changes, edit and resubmit starts a new round', () => {
    const r = submitted(t, c, 'emp', [laptops(c)]);
    t.call(c.tok.head!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    t.call(c.tok.fin!, 'approvals.act', {
      kind: 'requisition',
      documentId: r.id,
      action: 'return',
      comment: '请补充型号',
    });
    const back = t.call(c.tok.emp!, 'requisitions.get', { id: r.id });
    expect(back.status).toBe('returned');
    expect(t.call(c.tok.fin!, 'approvals.inbox', {}).total).toBe(0);
    // While pending nobody could edit; returned, the requester can (and only the requester).
    expect(
      errorOf(t.raw(c.tok.emp2!, 'requisitions.update', { id: r.id, version: back.version, title: 'x' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    const edited = t.call(c.tok.emp!, 'requisitions.update', {
      id: r.id,
      version: back.version,
      lines: [{ ...laptops(c), spec: 'ThinkPad X1 Carbon Gen 12, 32G/1T' }],
    });
    expect(errorOf(t.raw(c.tok.emp!, 'requisitions.submit', { id: r.id, version: back.version })).code).toBe(
      'CONFLICT',
    );
    const again = t.call(c.tok.emp!, 'requisitions.submit', {
      id: r.id,
      version: edited.version,
      comment: '已补充',
    });
    expect(again.approval).toMatchObject({
      round: 2,
      status: 'pending',
      waitingAt: { seq: 1, assigneeId: c.ids.head },
    });
    const trail = t.call(c.tok.emp!, 'approvals.trail', { kind: 'requisition', documentId: r.id });
    expect(trail.rounds.map((x) => x.status)).toEqual(['returned', 'pending']);
    expect(trail.actions.map((a) => `${a.round}:${a.action}`)).toEqual([
      '1:submit',
      '1:approve',
      '1:return',
      '2:submit',
    ]);
    expect(trail.actions[2]!.comment).toBe('请补充型号');
  });

  it('delegation: per act, and while away between two dates', () => {
    const r = submitted(t, c, 'emp', [laptops(c)]);
    // Delegate needs someone to delegate to, who may approve and is not the requester.
    expect(errorOf(act('head', r.id, 'delegate')).code).toBe('VALIDATION');
    expect(errorOf(act('head', r.id, 'delegate', { delegateTo: c.ids.emp2 })).code).toBe('VALIDATION');
    expect(errorOf(act('head', r.id, 'delegate', { delegateTo: c.ids.emp })).code).toBe('VALIDATION');
    t.call(c.tok.head!, 'approvals.act', {
      kind: 'requisition',
      documentId: r.id,
      action: 'delegate',
      delegateTo: c.ids.spare!,
      comment: '出差一周',
    });
    expect(t.call(c.tok.head!, 'approvals.inbox', {}).total).toBe(0);
    expect(t.call(c.tok.spare!, 'approvals.inbox', {}).rows[0]).toMatchObject({
      documentId: r.id,
      onBehalfOf: null,
    });
    expect(errorOf(act('head', r.id, 'approve')).message).toBe('errors.approvalNotYourStep');
    t.call(c.tok.spare!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });

    // Both accountants away: fin delegates to the spare approver for today.
    const today = localDate(new Date());
    const d = t.call(c.tok.fin!, 'approvals.delegations.create', {
      toUserId: c.ids.spare!,
      startDate: today,
      endDate: today,
      note: '年假',
    });
    expect(d).toMatchObject({ fromUserId: c.ids.fin, toUserId: c.ids.spare, active: true });
    // The spare approver already approved step 1 of this round: separation still holds.
    expect(errorOf(act('spare', r.id, 'approve')).message).toBe('errors.approvalSeparation');

    const r2 = submitted(t, c, 'emp', [laptops(c, 1)]);
    t.call(c.tok.head!, 'approvals.act', { kind: 'requisition', documentId: r2.id, action: 'approve' });
    const inbox = t.call(c.tok.spare!, 'approvals.inbox', {});
    expect(inbox.rows.find((x) => x.documentId === r2.id)).toMatchObject({
      onBehalfOf: c.ids.fin,
      onBehalfOfName: 'FIN',
    });
    const trail = t.call(c.tok.spare!, 'approvals.act', {
      kind: 'requisition',
      documentId: r2.id,
      action: 'approve',
    });
    expect(trail.rounds[0]!.steps[1]).toMatchObject({
      status: 'approved',
      actedBy: c.ids.spare,
      onBehalfOf: c.ids.fin,
    });
    expect(trail.actions.at(-1)).toMatchObject({
      action: 'approve',
      actorId: c.ids.spare,
      onBehalfOf: c.ids.fin,
    });

    // Ended early: no longer visible to the stand-in.
    t.call(c.tok.fin!, 'approvals.delegations.cancel', { id: d.id, version: d.version });
    const r3 = submitted(t, c, 'emp', [laptops(c, 1)]);
    t.call(c.tok.head!, 'approvals.act', { kind: 'requisition', documentId: r3.id, action: 'approve' });
    expect(t.call(c.tok.spare!, 'approvals.inbox', {}).rows.some((x) => x.documentId === r3.id)).toBe(false);
    expect(errorOf(act('spare', r3.id, 'approve')).message).toBe('errors.approvalNotYourStep');
    expect(t.call(c.tok.spare!, 'approvals.delegations.list', {})).toHaveLength(1);
  });

  it('the trail is immutable, and only people involved may read it', () => {
    const r = submitted(t, c, 'emp', [laptops(c)]);
    t.call(c.tok.head!, 'approvals.act', {
      kind: 'requisition',
      documentId: r.id,
      action: 'approve',
      comment: '同意',
    });
    const { sqlite } = t.core.services;
    expect(() =>
      sqlite.prepare(`UPDATE approval_actions SET comment = '改过了' WHERE action = 'approve'`).run(),
    ).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM approval_actions').run()).toThrow(/append-only/);
    const trail = t.call(c.tok.emp!, 'approvals.trail', { kind: 'requisition', documentId: r.id });
    expect(trail.actions[1]!.comment).toBe('同意');
    // There is no API to edit a comment.
    expect(
      t.raw(c.tok.head!, 'approvals.comments.update', { id: trail.actions[1]!.id, comment: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    // Another employee may not read it; finance, waiting for it, and auditors may.
    expect(
      errorOf(t.raw(c.tok.emp2!, 'approvals.trail', { kind: 'requisition', documentId: r.id })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(errorOf(t.raw(c.tok.emp2!, 'requisitions.get', { id: r.id })).code).toBe('FORBIDDEN');
    expect(
      t.call(c.tok.fin!, 'approvals.trail', { kind: 'requisition', documentId: r.id }).actions,
    ).toHaveLength(2);
    expect(t.call(c.tok.fin!, 'requisitions.get', { id: r.id }).id).toBe(r.id);
  });

  it('any document kind can register: a disposal-like kind that always needs finance, counted per kind', () => {
    const docs = new Map<number, { status: string; requesterId: number }>();
    registerApprovalKind({
      kind: 'test_disposal',
      facts: (_ctx, id) => ({
        number: `DS-${id}`,
        title: '报废',
        amount: 0,
        requesterId: docs.get(id)!.requesterId,
        departmentId: c.dept.it,
        categoryIds: [c.cat.laptop],
      }),
      onApproved: (_ctx, id) => void (docs.get(id)!.status = 'approved'),
      onRejected: (_ctx, id) => void (docs.get(id)!.status = 'rejected'),
      onReturned: (_ctx, id) => void (docs.get(id)!.status = 'returned'),
      readPermissions: ['audit.read'],
    });
    expect(t.call(c.tok.emp!, 'approvals.kinds', {})).toEqual(
      expect.arrayContaining(['requisition', 'test_disposal']),
    );
    t.call(t.adminToken, 'approvals.templates.create', {
      name: '处置',
      kind: 'test_disposal',
      steps: [{ name: '财务', approver: { type: 'role', role: 'accountant' } }],
    });
    docs.set(1, { status: 'draft', requesterId: c.ids.mgr! });
    // A module starts the approval from its own write handler; here through the engine directly.
    const { sqlite } = t.core.services;
    const ctx = {
      sqlite,
      now: new Date(),
      nowIso: new Date().toISOString(),
      today: localDate(new Date()),
      user: () => ({ userId: c.ids.mgr!, username: 'mgr', displayName: 'MGR' }),
      audit: () => undefined,
      emit: () => undefined,
    } as unknown as Parameters<typeof startApproval>[0];
    sqlite.transaction(() => startApproval(ctx, 'test_disposal', 1))();
    submitted(t, c, 'emp', [laptops(c)]);
    t.call(c.tok.head!, 'approvals.act', {
      kind: 'requisition',
      documentId: t.call(c.tok.emp!, 'requisitions.list', {}).rows[0]!.id,
      action: 'approve',
    });
    const inbox = t.call(c.tok.fin!, 'approvals.inbox', {});
    expect(inbox.counts).toEqual({ requisition: 1, test_disposal: 1 });
    expect(inbox.total).toBe(2);
    expect(t.call(c.tok.fin!, 'approvals.inbox', { kind: 'test_disposal' }).rows).toHaveLength(1);
    t.call(c.tok.fin!, 'approvals.act', { kind: 'test_disposal', documentId: 1, action: 'approve' });
    expect(docs.get(1)!.status).toBe('approved');
    expect(t.call(c.tok.fin!, 'approvals.inbox', {}).counts).toEqual({ requisition: 1 });
  });

  it('templates: admin only, validated, versioned', () => {
    expect(errorOf(t.raw(c.tok.mgr!, 'approvals.templates.list', {})).code).toBe('FORBIDDEN');
    const bad = errorOf(
      t.raw(t.adminToken, 'approvals.templates.create', {
        name: 'x',
        kind: 'nosuchkind',
        steps: [{ name: 'a', approver: { type: 'role', role: 'accountant' } }],
      }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(
      errorOf(
        t.raw(t.adminToken, 'approvals.templates.create', {
          name: 'x',
          kind: 'requisition',
          steps: [{ name: 'a', approver: { type: 'role', role: 'nosuchrole' } }],
        }),
      ).code,
    ).toBe('VALIDATION');
    const tpl = t.call(t.adminToken, 'approvals.templates.create', {
      name: '简单',
      kind: 'requisition',
      steps: [{ name: '财务', approver: { type: 'role', role: 'accountant' } }],
    });
    const upd = t.call(t.adminToken, 'approvals.templates.update', {
      id: tpl.id,
      version: tpl.version,
      active: false,
    });
    expect(upd).toMatchObject({ active: false, version: 2 });
    expect(errorOf(t.raw(t.adminToken, 'approvals.templates.delete', { id: tpl.id, version: 1 })).code).toBe(
      'CONFLICT',
    );
    t.call(t.adminToken, 'approvals.templates.delete', { id: tpl.id, version: 2 });
    expect(t.call(t.adminToken, 'approvals.templates.list', {})).toEqual([]);
  });
});
