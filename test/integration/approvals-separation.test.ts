// Separation of duties through delegation (委托): the requester never approves their own document,
// not as the delegate of the approver it waits for, nor by handing the step to themselves; and
// whoever stands in for the requester gains no right over the requester's document.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { errorOf, laptops, makeCompany, submitted, type Company } from './approvals-fixtures';
import { localDate } from '../../src/main/util/dates';

let t: TestCore;
let c: Company;
let today: string;
beforeEach(() => {
  t = startTestCore();
  c = makeCompany(t);
  today = localDate(new Date());
});
afterEach(async () => {
  await t.close();
});

const act = (who: string, documentId: number, action: 'approve' | 'delegate', extra = {}) =>
  t.raw(c.tok[who]!, 'approvals.act', { kind: 'requisition', documentId, action, ...extra });
const inboxHas = (who: string, documentId: number) =>
  t.call(c.tok[who]!, 'approvals.inbox', {}).rows.some((x) => x.documentId === documentId);
const away = (from: string, to: string) =>
  t.call(c.tok[from]!, 'approvals.delegations.create', {
    toUserId: c.ids[to]!,
    startDate: today,
    endDate: today,
  });

describe('separation of duties with delegations', () => {
  it('the requester cannot approve their own document as the delegate of the approver it waits for', () => {
    // spare (HQ) asks: the first step is HQ's head, the general manager.
    const r = submitted(t, c, 'spare', [laptops(c, 1)]);
    expect(r.approval?.waitingAt?.assigneeId).toBe(c.ids.gm);
    // The general manager, away, lets spare act for him today.
    away('gm', 'spare');
    expect(inboxHas('spare', r.id)).toBe(false);
    expect(errorOf(act('spare', r.id, 'approve'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.approvalOwnDocument',
    });
    // Nor may the general manager hand the step to the requester directly.
    expect(errorOf(act('gm', r.id, 'delegate', { delegateTo: c.ids.spare }))).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'delegateTo', message: 'validation.approvalDelegateRequester' }],
    });
    // The step is untouched: still the general manager's, who approves himself.
    t.call(c.tok.gm!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    const trail = t.call(c.tok.spare!, 'approvals.trail', { kind: 'requisition', documentId: r.id });
    expect(trail.rounds[0]!.steps[0]).toMatchObject({
      status: 'approved',
      actedBy: c.ids.gm,
      onBehalfOf: null,
    });
  });

  it('nobody delegates to themselves, neither while away nor on one step', () => {
    const r = submitted(t, c, 'emp', [laptops(c, 1)]);
    const self = errorOf(
      t.raw(c.tok.head!, 'approvals.delegations.create', {
        toUserId: c.ids.head!,
        startDate: today,
        endDate: today,
      }),
    );
    expect(self).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'toUserId', message: 'validation.approvalDelegateSelf' }],
    });
    expect(errorOf(act('head', r.id, 'delegate', { delegateTo: c.ids.head }))).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'delegateTo', message: 'validation.approvalDelegateSelf' }],
    });
    // An admin setting up someone's absence cannot make it point back at them either.
    expect(
      errorOf(
        t.raw(t.adminToken, 'approvals.delegations.create', {
          fromUserId: c.ids.head!,
          toUserId: c.ids.head!,
          startDate: today,
          endDate: today,
        }),
      ).code,
    ).toBe('VALIDATION');
    expect(t.call(c.tok.head!, 'approvals.delegations.list', {})).toEqual([]);
  });

  it('a delegate of the requester cannot approve the requester’s document', () => {
    // fin asks; after the general manager, the finance step is for the accountants: fin (the
    // requester, so not them) and fin2.
    const r = submitted(t, c, 'fin', [laptops(c, 1)]);
    // fin is away and lets spare act for them.
    away('fin', 'spare');
    t.call(c.tok.gm!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    expect(inboxHas('spare', r.id)).toBe(false);
    expect(errorOf(act('spare', r.id, 'approve'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'errors.approvalNotYourStep',
    });
    expect(inboxHas('fin2', r.id)).toBe(true);
    // The same delegation does let spare stand in for fin on someone else's document.
    const other = submitted(t, c, 'emp', [laptops(c, 1)]);
    t.call(c.tok.head!, 'approvals.act', { kind: 'requisition', documentId: other.id, action: 'approve' });
    expect(
      t.call(c.tok.spare!, 'approvals.inbox', {}).rows.find((x) => x.documentId === other.id),
    ).toMatchObject({
      onBehalfOf: c.ids.fin,
    });
    t.call(c.tok.fin2!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    expect(t.call(c.tok.fin!, 'requisitions.get', { id: r.id }).status).toBe('approved');
  });

  it('a step is not handed to someone who approved an earlier step of the round', () => {
    const r = submitted(t, c, 'emp', [laptops(c, 1)]);
    t.call(c.tok.head!, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
    // Finance's step: fin hands it on, but not to the head who approved step one.
    expect(errorOf(act('fin', r.id, 'delegate', { delegateTo: c.ids.head }))).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'delegateTo', message: 'validation.approvalDelegateSeparation' }],
    });
    // And a while-away delegation to the head does not let him take it either.
    away('fin', 'head');
    away('fin2', 'head');
    expect(inboxHas('head', r.id)).toBe(false);
    expect(errorOf(act('head', r.id, 'approve')).message).toBe('errors.approvalSeparation');
  });
});
