// Approval flow settings (审批流程设置) through the browser shell: an admin builds "requisitions of
// ¥50,000 or more also need the general manager (a named person)" in the editor — the core's
// validation shows under the step that lacks its person — then a ¥60,000 requisition is routed to the
// general manager while a ¥1,000 one is not. Screenshot: docs/screenshots/approval-template-editor.png.
import type { InputOf } from '../../src/main/api/contracts';
import { test, expect } from './fixtures/server';
import { Scene, laptopCategory } from './fixtures/core-scene';
import { collectErrors } from './fixtures/browser-session';
import { LoginPage } from './pages/login-page';
import { ApprovalsPage, ApprovalTemplatesPage } from './pages/approvals-page';
import { pickTreeNode, saveDialog } from './pages/dialogs';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'flow-pass-2024';
test.use({
  serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false },
  locale: 'zh-CN',
  viewport: { width: 1360, height: 1000 },
});

test('admin builds a flow with a named general manager; only the large requisition reaches him', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  const head = scene.user('head', '李部长', 'approver');
  const dept = scene.department('RD', '研发部', head.id);
  scene.user('emp', '张小明', 'employee', dept.id);
  const gm = scene.user('gm', '王总经理', 'approver');
  const laptops = scene.category(laptopCategory());

  // The admin builds the flow in the editor.
  await new LoginPage(page).signIn('admin', ADMIN_PASSWORD);
  const flows = new ApprovalTemplatesPage(page);
  await flows.open();
  await flows.openNew();
  const d = flows.dialog;
  await d.locator('#tp-name').fill('研发部申购（大额加总经理）');
  await d.locator('#tp-kind').selectOption('requisition');
  await d.locator('#tp-priority').fill('10');
  await pickTreeNode(d, 'tp-departments', '研发部');
  await expect(d.getByTestId('tp-departments').getByTestId('chip')).toContainText('研发部');
  const first = flows.step(0);
  await first.getByTestId('tp-step-name').fill('部门负责人');
  await flows.setApprover(first, { type: 'department_head' });
  const second = await flows.addStep();
  await second.getByTestId('tp-step-name').fill('总经理');
  await second.getByTestId('tp-step-type').selectOption('user');
  await flows.setStepAmount(second, '50000');
  // Saving without the person: the core's answer shows under that step, and nothing is saved.
  await d.getByTestId('dialog-save').click();
  await expect(second.locator('.field-error')).toHaveText('必填');
  await expect(first.locator('.field-error')).toHaveCount(0);
  await flows.setApprover(second, { type: 'user', name: '王总经理' });
  await expect(second.locator('.field-error')).toHaveCount(0);
  // A third step, moved up and then removed again, shows the ordering tools work on the right row.
  const third = await flows.addStep();
  await third.getByTestId('tp-step-name').fill('临时步骤');
  await third.getByTestId('tp-step-up').click();
  await expect(flows.step(1).getByTestId('tp-step-name')).toHaveValue('临时步骤');
  await expect(flows.step(2).getByTestId('tp-step-name')).toHaveValue('总经理');
  await flows.step(1).getByTestId('tp-step-remove').click();
  await expect(d.getByTestId('tp-step')).toHaveCount(2);
  await expect(flows.step(1).getByTestId('tp-step-user').locator('input')).toHaveValue('王总经理');
  await d.locator('#tp-name').click(); // no popup open in the picture
  await page.screenshot({ path: 'docs/screenshots/approval-template-editor.png' });
  await saveDialog(d);

  const row = flows.row('研发部申购（大额加总经理）');
  await expect(row).toContainText('王总经理');
  await expect(row).toContainText('≥ ¥50,000.00');
  await expect(row).toContainText('申请部门: 研发部');
  const saved = api(admin, 'approvals.templates.list', { kind: 'requisition' });
  expect(saved).toHaveLength(1);
  expect(saved[0]!.conditions).toEqual({ departmentIds: [dept.id] });
  expect(saved[0]!.priority).toBe(10);
  expect(saved[0]!.steps).toEqual([
    { name: '部门负责人', approver: { type: 'department_head' } },
    { name: '总经理', approver: { type: 'user', userId: gm.id }, condition: { minAmount: 5_000_000 } },
  ]);

  // Editing keeps what it does not touch: rename, and the steps come back as they were.
  await row.getByTestId('template-edit').click();
  await expect(flows.step(1).getByTestId('tp-step-user').locator('input')).toHaveValue('王总经理');
  await expect(flows.step(1).locator('.step-when input').first()).toHaveValue('50000.00');
  await d.locator('#tp-name').fill('研发部申购');
  await saveDialog(d);
  const edited = api(admin, 'approvals.templates.list', { kind: 'requisition' })[0]!;
  expect(edited.name).toBe('研发部申购');
  expect(edited.steps).toEqual(saved[0]!.steps);
  expect(edited.version).toBe(saved[0]!.version + 1);

  // Two requisitions from the department: ¥60,000 and ¥1,000.
  const emp = scene.tokenOf('emp');
  const requisition = (title: string, unitPrice: number) => {
    const r = api(emp, 'requisitions.create', {
      title,
      lines: [{ categoryId: laptops.id, spec: '工作站', quantity: 1, unitPrice }],
    } as InputOf<'requisitions.create'>);
    return api(emp, 'requisitions.submit', { id: r.id, version: r.version });
  };
  const big = requisition('GPU 工作站', 6_000_000);
  const small = requisition('键鼠套装', 100_000);
  const stepsOf = (id: number) =>
    api(emp, 'approvals.trail', { kind: 'requisition', documentId: id }).rounds[0]!.steps.map(
      (s) => `${s.name}:${s.assigneeName}`,
    );
  expect(stepsOf(big.id)).toEqual(['部门负责人:李部长', '总经理:王总经理']);
  expect(stepsOf(small.id)).toEqual(['部门负责人:李部长']);

  // The head approves both: the small one is done, the large one now waits for the general manager.
  const headToken = scene.tokenOf('head');
  for (const r of [big, small])
    api(headToken, 'approvals.act', { kind: 'requisition', documentId: r.id, action: 'approve' });
  expect(api(emp, 'requisitions.get', { id: small.id }).status).toBe('approved');

  // The general manager's inbox holds the large one only.
  await new LoginPage(page).signOut();
  await new LoginPage(page).signIn('gm', PASSWORD);
  const approvals = new ApprovalsPage(page);
  await expect(approvals.badge).toHaveText('1');
  await approvals.openInbox();
  await expect(approvals.row(big.number)).toBeVisible();
  await expect(approvals.row(small.number)).toHaveCount(0);
  await approvals.openDocument(big.number);
  await approvals.approve('同意采购');
  expect(api(emp, 'requisitions.get', { id: big.id }).status).toBe('approved');
  // After acting, the badge follows without a reload.
  await expect(approvals.badge).toHaveCount(0);

  expect(errors).toEqual([]);
});
