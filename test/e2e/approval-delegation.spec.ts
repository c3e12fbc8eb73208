// "Delegate while away" (委托审批) through the browser shell: a department head without account
// administration picks a stand-in who is not a department head (users.lookup), the stand-in's inbox
// badge follows live, they approve "for" the head and the trail says so; the requester, though an
// approver too, is never offered their own document; the head ends the delegation early.
import type { InputOf } from '../../src/main/api/contracts';
import { test, expect } from './fixtures/server';
import { Scene } from './fixtures/core-scene';
import { ApprovalsPage } from './pages/approvals-page';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'away-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

test('a head away delegates to a stand-in found by name; the stand-in approves for him', async ({
  server,
  sessions,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  const signedIn = sessions.signer(PASSWORD, { viewportHeight: 900, errors });
  const head = scene.user('head', '李部长', 'approver');
  const dept = scene.department('RD', '研发部', head.id);
  // The requester is an approver too (a team lead), in the head's department.
  const lead = scene.user('lead', '赵组长', 'approver', dept.id);
  scene.user('spare', '王备用', 'approver');
  scene.user('finance', '钱会计', 'accountant');
  const category = scene.category({
    code: 'NB',
    name: '笔记本电脑',
    lifeMonths: 36,
  } as InputOf<'settings.categories.create'>);

  const spare = await signedIn('spare');
  const spareInbox = new ApprovalsPage(spare);
  await expect(spare.getByTestId('nav-documents')).toBeVisible();

  const leadToken = scene.tokenOf('lead');
  const r = api(leadToken, 'requisitions.create', {
    title: '显示器',
    lines: [{ categoryId: category.id, spec: '27 寸', quantity: 1, unitPrice: 150_000 }],
  } as InputOf<'requisitions.create'>);
  const req = api(leadToken, 'requisitions.submit', { id: r.id, version: r.version });
  expect(req.approval?.waitingAt?.assigneeId).toBe(head.id);
  await expect(spareInbox.badge).toHaveCount(0);

  // The head (no users.manage) finds 王备用 — not a department head — by name.
  const headPage = await signedIn('head');
  const headInbox = new ApprovalsPage(headPage);
  await headInbox.openInbox();
  await expect(headInbox.row(req.number)).toBeVisible();
  await headInbox.delegateWhileAway('王备用', '出差');
  await expect(headInbox.delegations()).toHaveCount(1);
  await expect(headInbox.delegations().first()).toContainText('王备用');

  // The stand-in's badge follows without a reload; the inbox says for whom.
  await expect(spareInbox.badge).toHaveText('1');
  await spareInbox.openInbox();
  await expect(spareInbox.row(req.number)).toContainText('代 李部长');
  await spareInbox.openDocument(req.number);
  await expect(spareInbox.panel).toContainText('您正在代 李部长 审批');
  await spareInbox.approve('代部长同意');
  await expect(spareInbox.panel.getByTestId('approval-trail')).toContainText('王备用（代 李部长）');
  await expect(spareInbox.badge).toHaveCount(0);

  // The requester, an approver himself, has nothing to act on for his own request.
  const leadPage = await signedIn('lead');
  const leadInbox = new ApprovalsPage(leadPage);
  await leadInbox.openInbox();
  await expect(leadInbox.row(req.number)).toHaveCount(0);
  await leadInbox.openDirect('requisition', req.id);
  await expect(leadInbox.panel).toBeVisible();
  await expect(leadInbox.actButtons()).toHaveCount(0);
  await expect(leadInbox.why()).toContainText('这是您自己提交的单据');
  expect(lead.id).toBe(req.requesterId);

  // Back early: the head ends the delegation.
  await headInbox.delegations().first().getByRole('button').click();
  await expect(headInbox.delegations().first()).toContainText('已结束');
  expect(api(admin, 'approvals.delegations.list', { all: true })[0]!.active).toBe(false);
  expect(errors).toEqual([]);
});
