// Admin story: base settings, a clerk account that sees settings read-only, deactivation, the
// audit chain and its CSV export; screenshots of the settings and audit screens.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import { SettingsPage } from './pages/settings-page';
import { UsersPage } from './pages/users-page';
import { AuditPage } from './pages/audit-page';

const ADMIN_PASSWORD = 'admin-pass-123';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD } });

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-form').locator('button[type=submit]').click();
  await expect(page.locator('.topbar')).toBeVisible();
}

/** Closes the "saved" notices so screenshots show the screen itself. */
async function clearToasts(page: Page) {
  const close = page.locator('.toasts button');
  while ((await close.count()) > 0) await close.first().click();
}

test('admin manages settings, a clerk sees them read-only, the audit chain verifies and exports', async ({
  page,
  browser,
  server,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page, 'admin', ADMIN_PASSWORD);

  // Base settings: a small category tree and a location tree.
  const settings = new SettingsPage(page);
  await settings.createCategory({
    code: 'E2E',
    name: '测试设备',
    lifeMonths: 60,
    residualRatePct: 5,
    method: 'straight_line',
    taxClass: 'machinery',
  });
  await settings.createCategory({ code: 'E2E-PC', name: '测试电脑', parentName: '测试设备', lifeMonths: 36 });
  await expect(settings.treeRow('E2E-PC')).toContainText('36');
  await settings.createLocation({ code: 'E2E-HQ', name: '测试园区', kind: 'site' });
  await settings.createLocation({ code: 'E2E-A', name: '测试A栋', kind: 'building', parentName: '测试园区' });
  await expect(settings.treeRow('E2E-A')).toBeVisible();

  // A parent with a child cannot be deleted; the refusal is said plainly, and the row stays.
  await settings.open('categories');
  await settings.deleteTreeRow('E2E');
  await expect(settings.listNotice).toContainText('测试设备');
  await expect(settings.treeRow('E2E')).toBeVisible();

  // A stale edit is refused in plain words and the dialog reloads the other person's version.
  const token = await page.evaluate(() => sessionStorage.getItem('fams.token'));
  const api = async (method: string, data: unknown) => {
    const r = await page.request.post(`${server.url}/api/${method}`, {
      data,
      headers: { authorization: `Bearer ${token}` },
    });
    return (await r.json()) as { ok: boolean; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads loose JSON
  };
  await settings.treeRow('E2E-PC').getByTestId('row-edit').click();
  const dialog = page.getByTestId('category-dialog');
  const cats = await api('settings.categories.list', {});
  const pc = cats.data.find((c: { code: string }) => c.code === 'E2E-PC');
  expect(
    (await api('settings.categories.update', { id: pc.id, version: pc.version, name: '测试笔记本' })).ok,
  ).toBe(true);
  await dialog.locator('[name=lifeMonths]').fill('48');
  await dialog.getByTestId('dialog-save').click();
  await expect(dialog.locator('.banner.error')).toContainText('刚被其他人修改过');
  await dialog.getByRole('button', { name: '重新加载' }).click();
  await expect(dialog.locator('[name=name]')).toHaveValue('测试笔记本');
  await dialog.getByTestId('dialog-save').click();
  await expect(dialog).toHaveCount(0);

  // The code rule previews live.
  const preview = await settings.previewCodeRule('T-{YYYY}-{SEQ6}');
  await expect(preview).toContainText(/T-\d{4}-000001/);

  await settings.open('categories');
  await clearToasts(page);
  await page.screenshot({ path: 'docs/screenshots/settings.png', fullPage: false });

  // A clerk account; they see settings but cannot change them.
  const users = new UsersPage(page);
  await users.createUser({
    username: 'clerk1',
    password: 'clerk-pass-1',
    displayName: '盘点员小李',
    roles: ['clerk'],
  });
  await expect(users.row('clerk1')).toContainText('资产管理员助理/盘点员');
  await clearToasts(page);
  await page.screenshot({ path: test.info().outputPath('users.png') });
  await users.open('roles');
  await expect(users.roleRow('admin')).toContainText('内置');
  await page.screenshot({ path: test.info().outputPath('roles.png') });

  const clerkContext = await browser.newContext({ baseURL: server.url });
  const clerkPage = await clerkContext.newPage();
  await signIn(clerkPage, 'clerk1', 'clerk-pass-1');
  const clerkSettings = new SettingsPage(clerkPage);
  await clerkSettings.open('categories');
  await expect(clerkSettings.readOnlyNotice).toBeVisible();
  await expect(clerkSettings.treeRow('E2E-PC')).toBeVisible();
  await expect(clerkPage.getByTestId('category-new')).toHaveCount(0);
  await expect(clerkSettings.treeRow('E2E-PC').getByTestId('row-edit')).toHaveCount(0);
  await expect(clerkPage.locator('a[href="#/users"]')).toHaveCount(0);

  // Deactivated, the clerk's session ends: their next call is refused.
  await users.deactivateUser('clerk1');
  await expect(users.row('clerk1')).toHaveCount(0);
  const clerkToken = await clerkPage.evaluate(() => sessionStorage.getItem('fams.token'));
  const after = await clerkPage.request.post(`${server.url}/api/auth.me`, {
    data: {},
    headers: { authorization: `Bearer ${clerkToken}` },
  });
  expect((await after.json()).ok).toBe(false);
  await clerkContext.close();

  // The audit log: every write above is there, the chain verifies, the CSV downloads.
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rows.first()).toBeVisible();
  const verdict = await audit.verify();
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(verdict).toContainText(/已校验 \d+ 条记录/);
  await audit.screen.getByRole('button', { name: '展开' }).nth(1).click();
  await expect(audit.screen.getByTestId('audit-details').first()).toBeVisible();
  await clearToasts(page);
  await page.screenshot({ path: 'docs/screenshots/audit.png', fullPage: false });

  await audit.filterByAction('settings.categories');
  // Two creates and two updates (the other session's rename and the saved edit), newest first.
  await expect(audit.rows).toHaveCount(4);
  expect(await audit.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual([
    'settings.categories.update',
    'settings.categories.update',
    'settings.categories.create',
    'settings.categories.create',
  ]);

  const download = await audit.exportCsv();
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path()!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('settings.categories.create');
  expect(csv).not.toContain('users.create');

  expect(pageErrors).toEqual([]);
});
