// The asset lifecycle through the browser shell, as the people involved would do it: an employee
// requests two laptops (over the department's budget in warning mode, so the check asks first); the
// department head approves from the inbox (the badge counts it); a clerk can neither see an inbox nor
// act; finance approves; the asset manager orders them from a supplier at the agreed price.
// Screenshots: docs/screenshots/{approvals-inbox,requisition}.png.
import type { InputOf } from '../../src/main/api/contracts';
import { test, expect } from './fixtures/server';
import { Scene, coreDispatch, laptopCategory } from './fixtures/core-scene';
import { collectErrors } from './fixtures/browser-session';
import { LoginPage } from './pages/login-page';
import { NEW_HIRE_LAPTOPS_TITLE, RequisitionsPage, newHireLaptops } from './pages/requisitions-page';
import { ApprovalsPage } from './pages/approvals-page';
import { goHash } from './pages/dialogs';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'life-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

test('requisition → department head → (not the clerk) → finance → purchase order', async ({
  page,
  server,
  sessions,
}) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  const tryApi = coreDispatch(server);
  const signedIn = sessions.signer(PASSWORD, { errors });

  const head = scene.user('head', '李部长', 'approver');
  const dept = scene.department('RD', '研发部', head.id);
  scene.moveToDepartment(head, dept.id);
  const employee = scene.user('emp', '张小明', 'employee', dept.id);
  scene.user('finance', '钱会计', 'accountant');
  scene.user('clerk', '孙助理', 'clerk');
  scene.user('manager', '王主管', 'asset_manager');
  const laptops = scene.category(laptopCategory());
  api(admin, 'settings.suppliers.create', {
    code: 'SUP-LX',
    name: '联想华东直销',
  } as InputOf<'settings.suppliers.create'>);
  // A ¥10,000 yearly laptop budget in warning mode: two at ¥6,500 go over it.
  const year = new Date().getFullYear();
  const budgets = api(admin, 'requisitions.budgets.list', { year });
  api(admin, 'requisitions.budgets.setMode', { mode: 'warn', version: budgets.modeVersion });
  api(admin, 'requisitions.budgets.set', {
    year,
    departmentId: dept.id,
    categoryId: laptops.id,
    amount: 1_000_000,
  });

  // The employee asks for two laptops; the budget check warns before anything is submitted.
  await new LoginPage(page).signIn('emp', PASSWORD);
  await expect(page.getByTestId('nav-approvals')).toHaveCount(0);
  const req = new RequisitionsPage(page);
  await req.openNew();
  await req.fill(NEW_HIRE_LAPTOPS_TITLE, [newHireLaptops(`${year}-12-20`)]);
  await expect(page.getByTestId('req-total')).toHaveText('¥13,000.00');
  await page.getByTestId('req-submit').click();
  const confirm = page.getByTestId('budget-confirm');
  await expect(confirm.getByTestId('budget-warn')).toBeVisible();
  await expect(confirm.getByTestId('budget-check')).toContainText('¥10,000.00');
  await confirm.getByTestId('dialog-save').click();
  await expect(req.screen).toHaveAttribute('data-status', 'pending');
  await expect(req.waiting()).toContainText('部门负责人');
  await expect(req.waiting()).toContainText('李部长');
  const number = (await req.screen.locator('h1').innerText()).trim().split(/\s+/)[0]!;
  expect(number).toMatch(/^RQ-\d{6}-\d{4}$/);
  // Nobody approves their own document: no buttons, and the reason in words.
  await expect(page.getByTestId('approval-act')).toHaveCount(0);
  await expect(page.getByTestId('approval-why')).toContainText('您自己提交的单据');
  const rq = api(admin, 'requisitions.list', { query: number }).rows[0]!;
  expect(rq.requesterId).toBe(employee.id);

  // The department head sees it counted on the menu, opens the inbox and approves.
  const headPage = await signedIn('head');
  const headView = new ApprovalsPage(headPage);
  await expect(headView.badge).toHaveText('1');
  await headView.openInbox();
  await expect(headView.row(number)).toContainText('张小明');
  await expect(headView.row(number)).toContainText('¥13,000.00');
  await headPage.screenshot({ path: 'docs/screenshots/approvals-inbox.png' });
  await headView.openDocument(number);
  await expect(headPage.getByTestId('budget-check')).toContainText('超预算');
  // A reject without a reason is refused on the spot.
  await headView.rejectWithoutReason();
  await expect(headView.panel.locator('.field-error')).toContainText('原因');
  await headView.approve('同意，按标准配置');
  await expect(headView.panel.getByTestId('approval-waiting')).toContainText('财务');
  // Separation of duties, said plainly: the head approved one step and may not approve the next.
  await expect(headView.why()).toContainText('职责分离');
  await expect(headView.badge).toHaveCount(0);

  // The clerk has no inbox and cannot act: the menu has no approvals and the document says why.
  const clerkPage = await signedIn('clerk');
  await clerkPage.getByTestId('nav-documents').click();
  await expect(clerkPage.getByTestId('nav-approvals')).toHaveCount(0);
  const clerkView = new ApprovalsPage(clerkPage);
  await clerkView.openDirect('requisition', rq.id);
  await expect(clerkPage.getByTestId('req-error')).toContainText('无权');
  await expect(clerkPage.locator('[data-testid^="act-"]')).toHaveCount(0);
  await goHash(clerkPage, '#/approvals');
  await expect(clerkPage.getByTestId('approvals-no-permission')).toBeVisible();
  const clerkToken = scene.tokenOf('clerk');
  const refused = tryApi(clerkToken, 'approvals.act', {
    kind: 'requisition',
    documentId: rq.id,
    action: 'approve',
  });
  expect(refused.ok ? 'accepted' : refused.error.code).toBe('FORBIDDEN');

  // Finance approves; the employee sees it approved.
  const financePage = await signedIn('finance');
  const financeView = new ApprovalsPage(financePage);
  await expect(financeView.badge).toHaveText('1');
  await financeView.openInbox();
  await financeView.openDocument(number);
  await expect(financeView.actButtons()).toHaveCount(4);
  await financePage.screenshot({ path: 'docs/screenshots/requisition.png', fullPage: true });
  await financeView.approve();
  await expect(financePage.getByTestId('req-status')).toContainText('已批准');
  await expect(page.getByTestId('req-status')).toContainText('已批准');
  const trail = api(admin, 'approvals.trail', { kind: 'requisition', documentId: rq.id });
  expect(trail.actions.map((a) => `${a.action}:${a.actorName}`)).toEqual([
    'submit:张小明',
    'approve:李部长',
    'approve:钱会计',
  ]);

  // The asset manager orders both at the agreed price.
  const managerPage = await signedIn('manager');
  const buyer = new RequisitionsPage(managerPage);
  await buyer.openByNumber(number);
  const poNumber = await buyer.createPurchaseOrder('联想华东', { 1: '6299' });
  const detail = managerPage.getByTestId('po-detail');
  await expect(detail.getByTestId('po-status')).toContainText('待收货');
  await expect(detail).toContainText('¥12,598.00');
  await expect(detail).toContainText(number);
  const po = api(admin, 'purchaseOrders.list', { query: poNumber }).rows[0]!;
  expect(po.totalAmount).toBe(1_259_800);
  expect(api(admin, 'requisitions.get', { id: rq.id }).status).toBe('ordered');

  // The other lifecycle screens open from the same menu without errors.
  for (const [item, screen] of [
    ['nav-repairs', 'repairs-screen'],
    ['nav-disposals', 'disposals-screen'],
    ['nav-purchaseOrders', 'po-screen'],
  ] as const) {
    await managerPage.getByTestId('nav-documents').click();
    await managerPage.getByTestId(item).click();
    await expect(managerPage.getByTestId(screen)).toBeVisible();
  }
  await expect(managerPage.getByTestId('po-table').locator(`tr[data-number="${poNumber}"]`)).toBeVisible();

  // The clerk's refused read is the one failed request the browser logs.
  expect(errors.filter((e) => !/^clerk: .*403 \(Forbidden\)/.test(e))).toEqual([]);
});
