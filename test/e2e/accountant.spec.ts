// The accountant's month through the browser shell: the asset form's live depreciation preview, the
// period preview with a hand-computed charge, posting with the progress dialog, a change voucher raised
// by one accountant and approved by another, and the month-end close with its movement summary.
// Screenshots: docs/screenshots/{asset-form-preview,periods}.png.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import { collectErrors } from './fixtures/browser-session';
import type { Caller } from '../../src/main/api/session';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import { LoginPage } from './pages/login-page';
import { PeriodsPage } from './pages/periods-page';
import { ChangesPage } from './pages/changes-page';
import { goHash, pickTreeNode } from './pages/dialogs';

const ADMIN_PASSWORD = 'admin-pass-123';
const ACC_PASSWORD = 'acc-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
/** The ledger's first month is the current one (headless setup); the asset went into service last month. */
const PERIOD = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const last = new Date(now.getFullYear(), now.getMonth() - 1, 15);
const IN_SERVICE = `${last.getFullYear()}-${pad(last.getMonth() + 1)}-15`;
const NEXT = (() => {
  const d = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
})();

async function clearToasts(page: Page) {
  const close = page.locator('.toasts button');
  while ((await close.count()) > 0) await close.first().click();
}

test('accountant: form preview, period preview, post with progress, change voucher by two people, close', async ({
  page,
  server,
  sessions,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);

  // Set-up through the API: two accountants, an expense department, one asset in service last month.
  // Straight line, cost 120,000.00, residual 5 % (6,000.00), 60 months: (120,000 − 6,000) / 60 = 1,900.00.
  const caller = (token: string | null): Caller => ({ token, source: 'desktop' });
  const api = <M extends MethodName>(token: string | null, method: M, input: InputOf<M>): ResultOf<M> => {
    const r = server.server.core.dispatch(caller(token), method, input);
    if (!r.ok)
      throw new Error(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details)}`);
    return r.data as ResultOf<M>;
  };
  const admin = api(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }).token;
  for (const [username, displayName] of [
    ['acc1', '张会计'],
    ['acc2', '李会计'],
  ] as const) {
    api(admin, 'users.create', {
      username,
      password: ACC_PASSWORD,
      displayName,
      roles: ['accountant'],
      mustChangePassword: false,
    });
  }
  const dept = api(admin, 'settings.departments.create', { code: 'PRD', name: '生产部' });
  const cats = api(admin, 'settings.categories.list', {});
  const category = cats.find((c) => c.active && !cats.some((k) => k.parentId === c.id))!;
  const asset = api(admin, 'assets.create', {
    name: '数控车床 CK6150',
    categoryId: category.id,
    cost: 12_000_000,
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: IN_SERVICE,
    expenseDepartmentId: dept.id,
  });

  // The asset form previews the schedule live as the values are typed (admin may create assets).
  await new LoginPage(page).signIn('admin', ADMIN_PASSWORD);
  await goHash(page, '#/assets/new');
  const preview = page.getByTestId('depreciation-preview');
  await expect(preview.getByTestId('dpreview-missing')).toBeVisible();
  await page.locator('#f-name').fill('五轴加工中心');
  await pickTreeNode(page.locator('form'), 'f-category', category.name);
  await page.locator('#f-cost').fill('120000');
  await page.locator('#f-residualRate').fill('5');
  await page.locator('#f-lifeMonths').fill('60');
  await page.locator('#f-method').selectOption('straight_line');
  await page.locator('#f-inServiceDate').fill(IN_SERVICE);
  await expect(preview.getByTestId('dpreview-summary')).toContainText('首月折旧 ¥1,900.00');
  await expect(preview.getByTestId('dpreview-summary')).toContainText('合计 ¥114,000.00');
  await expect(preview.getByTestId('dpreview-summary')).toContainText('60 个月');
  // Editing the life recomputes (debounced): 114,000 / 48 = 2,375.00.
  await page.locator('#f-lifeMonths').fill('48');
  await expect(preview.getByTestId('dpreview-summary')).toContainText('首月折旧 ¥2,375.00');
  await page.locator('#f-lifeMonths').fill('60');
  await expect(preview.getByTestId('dpreview-summary')).toContainText('首月折旧 ¥1,900.00');
  const firstYear = preview.locator('tr.year').first();
  await firstYear.locator('button.toggle').click();
  await expect(preview.locator(`tr.month[data-period="${PERIOD}"] td[data-col="amount"]`)).toHaveText(
    '¥1,900.00',
  );
  // A taller window so the financial fields and the preview show together.
  await page.setViewportSize({ width: 1360, height: 1200 });
  await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/asset-form-preview.png' });
  await page.setViewportSize({ width: 1360, height: 860 });
  await new LoginPage(page).signOut();

  // The first accountant: periods, nothing posted yet; closing says why it cannot.
  await new LoginPage(page).signIn('acc1', ACC_PASSWORD);
  await expect(page.locator('.topbar nav')).toContainText('期间与折旧');
  await expect(page.locator('.topbar nav')).toContainText('变动单');
  const periods = new PeriodsPage(page);
  await periods.open();
  await expect(periods.row(PERIOD).locator('td[data-col="status"]')).toHaveText('未结账');
  await expect(periods.row(PERIOD).locator('td[data-col="run"]')).toHaveText('未计提');
  await periods.openClose(PERIOD);
  await expect(periods.closeDialog.getByTestId('close-problem')).toContainText('尚未计提折旧，不能结账');
  await expect(periods.closeDialog.getByTestId('close-confirm')).toBeDisabled();
  await periods.cancelClose();

  // Preview: the asset's hand-computed charge, the summaries and their totals.
  await periods.openPreview(PERIOD);
  await expect(periods.charge(asset.assetCode)).toHaveText('¥1,900.00');
  await expect(periods.preview.getByTestId('preview-total-amount')).toHaveText('¥1,900.00');
  await expect(periods.preview.getByTestId('by-department')).toContainText('生产部');
  await expect(periods.preview.getByTestId('by-category').locator('tfoot')).toContainText('¥1,900.00');

  // Post through the job, with its progress dialog.
  expect(await periods.post(PERIOD)).toContain('已完成');
  await expect(periods.row(PERIOD).locator('td[data-col="run"]')).toHaveText('已计提');
  await expect(periods.row(PERIOD).locator('td[data-col="amount"]')).toHaveText('¥1,900.00');
  await expect(page.locator('.toasts')).toContainText(`${PERIOD} 已计提：1 项资产，折旧 ¥1,900.00`);
  await periods.openPreview(PERIOD);
  await expect(periods.preview).toContainText('已计提的分录与当前台账一致');
  await clearToasts(page);
  await page.screenshot({ path: 'docs/screenshots/periods.png', fullPage: true });

  // A change voucher raised by acc1 (life 60 → 72 months): acc1 cannot approve it.
  const changes = new ChangesPage(page);
  await changes.open();
  const number = await changes.create({
    asset: asset.assetCode,
    kind: 'life',
    lifeMonths: 72,
    reason: '技术改造后延长使用年限',
  });
  expect(number).toMatch(/^BG-\d{6}-/);
  const row = changes.row(number);
  await expect(row).toHaveAttribute('data-status', 'pending');
  await expect(row).toContainText('60 个月');
  await expect(row).toContainText('72 个月');
  await expect(row.getByTestId('awaiting-other')).toBeVisible();
  await expect(row.getByTestId('change-decide')).toHaveCount(0);
  await row.getByRole('button', { name: '查看' }).click();
  await expect(changes.decisionDialog.getByTestId('own-voucher')).toBeVisible();
  await expect(changes.decisionDialog.getByTestId('change-approve')).toHaveCount(0);
  await changes.decisionDialog.getByRole('button', { name: '关闭' }).last().click();

  // The second accountant approves it; it takes effect next month.
  const page2 = await sessions.signedIn('acc2', ACC_PASSWORD);
  const errors2 = collectErrors(page2);
  const changes2 = new ChangesPage(page2);
  await changes2.open();
  await changes2.decide(number, true, '同意');
  await expect(changes2.row(number)).toHaveAttribute('data-status', 'approved');
  await expect(changes2.row(number)).toContainText('李会计');
  await expect(changes2.row(number)).toContainText(NEXT);
  await page2.context().close();

  // acc1 sees it approved (the list follows the asset change event) and closes the month.
  await changes.open();
  await expect(changes.row(number)).toHaveAttribute('data-status', 'approved');
  await periods.open();
  await periods.openClose(PERIOD);
  await expect(periods.closeDialog.getByTestId('close-ready')).toBeVisible();
  const mv = periods.closeDialog.getByTestId('movement-table');
  await expect(mv.locator('tbody tr').first()).toContainText(category.name);
  // In service before the ledger's first month, so an opening 120,000.00; charged 1,900.00: closing 118,100.00.
  await expect(mv.locator('tbody tr').first()).toContainText('¥120,000.00');
  await expect(mv.locator('tbody tr').first()).toContainText('¥118,100.00');
  await periods.confirmClose();
  await expect(periods.row(PERIOD).locator('td[data-col="status"]')).toHaveText('已结账');
  await expect(periods.row(PERIOD).getByTestId('period-post')).toHaveCount(0);

  // Reports: the movement summary of the month on screen with its totals, and as an .xlsx download.
  await goHash(page, '#/reports');
  await page.locator('.kinds button[data-kind="movement"]').click();
  await page.getByTestId('param-period').fill(PERIOD);
  await page.getByTestId('report-preview').click();
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet.getByTestId('report-totals')).toContainText('¥1,900.00');
  await expect(sheet.getByTestId('report-totals')).toContainText('¥118,100.00');
  const download = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);

  // A closed month refuses new vouchers dated in it, in plain words.
  const refused = server.server.core.dispatch(
    caller(api(null, 'auth.login', { username: 'acc1', password: ACC_PASSWORD }).token),
    'changes.create',
    { assetId: asset.id, kind: 'life', after: { lifeMonths: 84 }, reason: '测试', date: `${PERIOD}-20` },
  );
  expect(refused.ok ? 'ok' : refused.error.code).toBe('PERIOD_CLOSED');

  // Accountants cannot reopen; an administrator can, with a reason.
  await periods.open();
  await expect(periods.row(PERIOD).locator('td[data-col="status"]')).toHaveText('已结账');
  await expect(periods.row(PERIOD).getByTestId('period-reopen')).toHaveCount(0);
  await new LoginPage(page).signOut();
  await new LoginPage(page).signIn('admin', ADMIN_PASSWORD);
  await periods.open();
  await periods.row(PERIOD).getByTestId('period-reopen').click();
  const reopen = page.getByTestId('reopen-dialog');
  await expect(reopen.getByTestId('reopen-confirm')).toBeDisabled();
  await reopen.locator('#reopen-reason').fill('补录上月漏记的资产');
  await reopen.getByTestId('reopen-confirm').click();
  await expect(reopen).toBeHidden();
  await expect(periods.row(PERIOD).locator('td[data-col="status"]')).toHaveText('未结账');

  expect(errors).toEqual([]);
  expect(errors2).toEqual([]);
});
