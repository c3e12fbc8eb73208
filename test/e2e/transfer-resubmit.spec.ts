// A cross-department transfer returned for changes, through the browser shell: the requester finds it
// in the list, sees why it came back, edits it and resubmits; the department head's inbox badge
// follows live (no reload) in another window, the trail shows both rounds, and the head's approval
// moves the asset. Screenshot: docs/screenshots/transfer-resubmit.png.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import type { Caller } from '../../src/main/api/session';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import { LoginPage } from './pages/login-page';
import { ApprovalsPage } from './pages/approvals-page';
import { goHash, pickTreeNode } from './pages/dialogs';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'move-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  // Open event sockets would hold the server's close until the test's time runs out.
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function signedIn(browser: Browser, url: string, username: string, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: url,
    locale: 'zh-CN',
    viewport: { width: 1360, height: 900 },
  });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      errors.push(`${username}: ${m.text()}`);
  });
  await new LoginPage(page).signIn(username, PASSWORD);
  return page;
}

test('returned transfer: edit, resubmit, second round approved; the inbox badge follows live', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const api = <M extends MethodName>(token: string | null, method: M, input: InputOf<M>): ResultOf<M> => {
    const r = server.server.core.dispatch({ token, source: 'desktop' } satisfies Caller, method, input);
    if (!r.ok)
      throw new Error(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details)}`);
    return r.data as ResultOf<M>;
  };
  const admin = api(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }).token;
  const user = (username: string, displayName: string, role: string, departmentId: number | null = null) =>
    api(admin, 'users.create', {
      username,
      password: PASSWORD,
      displayName,
      roles: [role],
      departmentId,
      mustChangePassword: false,
    } as InputOf<'users.create'>);
  const head = user('head', '李部长', 'approver');
  const it = api(admin, 'settings.departments.create', {
    code: 'IT',
    name: '信息部',
    headUserId: head.id,
  } as InputOf<'settings.departments.create'>);
  const sales = api(admin, 'settings.departments.create', {
    code: 'SALES',
    name: '销售部',
  } as InputOf<'settings.departments.create'>);
  user('clerk', '孙助理', 'clerk', it.id);
  api(admin, 'settings.locations.create', {
    code: 'R2',
    name: '销售部办公室',
    kind: 'room',
  } as InputOf<'settings.locations.create'>);
  const category = api(admin, 'settings.categories.create', {
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

  const clerkToken = api(null, 'auth.login', { username: 'clerk', password: PASSWORD }).token;
  const headToken = api(null, 'auth.login', { username: 'head', password: PASSWORD }).token;
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

  const headPage = await signedIn(browser, server.url, 'head', errors);
  const headInbox = new ApprovalsPage(headPage);
  await expect(headPage.getByTestId('nav-documents')).toBeVisible();
  await expect(headInbox.badge).toHaveCount(0);

  // The clerk finds the returned transfer in the list and opens it for changes.
  const page = await signedIn(browser, server.url, 'clerk', errors);
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
