// A cross-department transfer returned for changes, through the browser shell: the requester finds it
// in the list, sees why it came back, edits it and resubmits; the department head's inbox badge
// follows live (no reload) in another window, the trail shows both rounds, and the head's approval
// moves the asset. Screenshot: docs/screenshots/transfer-resubmit.png.
import type { InputOf } from '../../src/main/api/contracts';
import { test, expect } from './fixtures/server';
import { Scene } from './fixtures/core-scene';
import { ApprovalsPage } from './pages/approvals-page';
import { goHash, pickTreeNode } from './pages/dialogs';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'move-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

test('returned transfer: edit, resubmit, second round approved; the inbox badge follows live', async ({
  server,
  sessions,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  const signedIn = sessions.signer(PASSWORD, { viewportHeight: 900, errors });
  const head = scene.user('head', '李部长', 'approver');
  const it = scene.department('IT', '信息部', head.id);
  const sales = scene.department('SALES', '销售部');
  scene.user('clerk', '孙助理', 'clerk', it.id);
  scene.location('R2', '销售部办公室', 'room');
  const category = scene.category({
    code: 'NB',
    name: '笔记本电脑',
    lifeMonths: 36,
  } as InputOf<'settings.categories.create'>);
  const asset = api(admin, 'assets.create', {
    name: '笔记本 A',
    categoryId: category.id,
    cost: 600_000,
    departmentId: it.id,
  } as InputOf<'assets.create'>);

  const clerkToken = scene.tokenOf('clerk');
  const headToken = scene.tokenOf('head');
  const tr = api(clerkToken, 'transfers.create', {
    assetIds: [asset.id],
    to: { departmentId: sales.id },
    reason: '支援销售部',
  });
  api(headToken, 'approvals.act', {
    kind: 'transfer',
    documentId: tr.id,
    action: 'return',
    comment: '请写明存放位置',
  });

  const headPage = await signedIn('head');
  const headInbox = new ApprovalsPage(headPage);
  await expect(headPage.getByTestId('nav-documents')).toBeVisible();
  await expect(headInbox.badge).toHaveCount(0);

  // The clerk finds the returned transfer in the list and opens it for changes.
  const page = await signedIn('clerk');
  await goHash(page, '#/transfers');
  const row = page.getByTestId('transfers-table').locator(`tr[data-number="${tr.number}"]`);
  await expect(row).toHaveAttribute('data-status', 'returned');
  await row.getByTestId('transfer-revise-open').click();
  const revise = page.getByTestId('transfer-revise');
  await expect(page.getByTestId('transfer-returned')).toContainText('请写明存放位置');
  await pickTreeNode(revise, 'revise-location', '销售部办公室');
  await revise.locator('#rv-reason').fill('支援销售部，放销售部办公室');
  await revise.locator('#rv-comment').fill('已补充存放位置');
  await page.screenshot({ path: 'docs/screenshots/transfer-resubmit.png' });
  await revise.getByTestId('revise-submit').click();

  // Now pending again: the requester sees where it waits and both rounds in the trail.
  await expect(page.getByTestId('transfer-status')).toHaveAttribute('data-status', 'pending');
  await expect(revise).toHaveCount(0);
  await expect(page.getByTestId('transfer-waiting')).toContainText('李部长');
  const trail = page.getByTestId('approval-trail');
  await expect(trail.locator('.round')).toHaveCount(2);
  await expect(trail.locator('.round[data-round="1"]')).toContainText('请写明存放位置');
  await expect(trail.locator('.round[data-round="2"]')).toContainText('已补充存放位置');
  await expect(page.getByTestId('approval-why')).toContainText('李部长');

  // The list says the same.
  await goHash(page, '#/transfers');
  await expect(row.getByTestId('transfer-row-waiting')).toContainText('李部长');
  await goHash(page, `#/transfers/${tr.id}`);
  await expect(page.getByTestId('transfer-waiting')).toContainText('李部长');

  // The head's badge followed without a reload; he approves from his inbox and it goes away.
  await expect(headInbox.badge).toHaveText('1');
  await headInbox.openInbox();
  await headInbox.openDocument(tr.number);
  await headInbox.approve();
  await expect(headInbox.badge).toHaveCount(0);

  // The requester's screen follows too, and the asset moved where the edit said.
  await expect(page.getByTestId('transfer-status')).toHaveAttribute('data-status', 'done');
  const card = api(admin, 'assets.get', { id: asset.id });
  expect(card.departmentId).toBe(sales.id);
  expect(card.locationName).toBe('销售部办公室');
  expect(api(clerkToken, 'transfers.get', { id: tr.id }).toLocationId).toBe(card.locationId);
  expect(errors).toEqual([]);
});
