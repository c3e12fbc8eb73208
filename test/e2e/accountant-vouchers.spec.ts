// The voucher view and units-of-production usage through the browser shell: usage entered on screen
// (with a row refused first), the account mapping changed on screen, the depreciation voucher generated
// with hand-computed lines that balance, the assets behind a line, and the Excel export downloaded.
// Screenshot: docs/screenshots/voucher.png.
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures/server';
import type { Caller } from '../../src/main/api/session';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import type { JobInfo } from '../../src/main/modules/jobs/contract';
import { LoginPage } from './pages/login-page';
import { UsagePage, VouchersPage } from './pages/vouchers-page';

const ADMIN_PASSWORD = 'admin-pass-123';
const ACC_PASSWORD = 'acc-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
/** The ledger's first month is the current one (headless setup); the assets went into service last month. */
const PERIOD = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const last = new Date(now.getFullYear(), now.getMonth() - 1, 15);
const IN_SERVICE = `${last.getFullYear()}-${pad(last.getMonth() + 1)}-15`;

test('accountant: usage on screen, account mapping, depreciation voucher with its assets, Excel export', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const caller = (token: string | null): Caller => ({ token, source: 'desktop' });
  const api = <M extends MethodName>(token: string | null, method: M, input: InputOf<M>): ResultOf<M> => {
    const r = server.server.core.dispatch(caller(token), method, input);
    if (!r.ok)
      throw new Error(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details)}`);
    return r.data as ResultOf<M>;
  };
  const post = async (token: string) => {
    const r = api(token, 'depreciation.run', { period: PERIOD, post: true });
    if (r.mode !== 'post') throw new Error('expected a posting job');
    for (let i = 0; i < 100; i++) {
      const job = api(token, 'jobs.get', { id: r.jobId }) as JobInfo;
      if (job.status === 'done') return;
      if (job.status !== 'running') throw new Error(`posting ${job.status}`);
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('posting did not finish');
  };

  // Set-up through the API. Straight line in 行政部: (120,000.00 − 5 %) / 60 = 1,900.00 a month.
  // Units of production in 生产部: (50,000.00 − 5 %) / 10,000 units = 4.75 per unit; 200 units → 950.00.
  const admin = api(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }).token;
  api(admin, 'users.create', {
    username: 'acc1',
    password: ACC_PASSWORD,
    displayName: '张会计',
    roles: ['accountant'],
    mustChangePassword: false,
  });
  const office = api(admin, 'settings.departments.create', { code: 'ADM', name: '行政部' });
  const plant = api(admin, 'settings.departments.create', { code: 'PRD', name: '生产部' });
  const cats = api(admin, 'settings.categories.list', {});
  const category = cats.find((c) => c.active && !cats.some((k) => k.parentId === c.id))!;
  const straight = api(admin, 'assets.create', {
    name: '办公楼空调系统',
    categoryId: category.id,
    cost: 12_000_000,
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'straight_line',
    inServiceDate: IN_SERVICE,
    expenseDepartmentId: office.id,
  });
  const uop = api(admin, 'assets.create', {
    name: '注塑机 HX-280',
    categoryId: category.id,
    cost: 5_000_000,
    residualRate: 0.05,
    lifeMonths: 60,
    method: 'units_of_production',
    inServiceDate: IN_SERVICE,
    expenseDepartmentId: plant.id,
  });
  api(admin, 'usage.set', { totals: [{ assetId: uop.id, totalUnits: 10_000 }], entries: [] });
  await post(admin);

  await new LoginPage(page).signIn('acc1', ACC_PASSWORD);
  await expect(page.locator('.topbar nav')).toContainText('凭证');
  await expect(page.locator('.topbar nav')).toContainText('工作量');

  // Usage on screen: the posted month says it must be re-posted; more than the total is refused by row.
  const usage = new UsagePage(page);
  await usage.open(PERIOD);
  await expect(usage.screen.getByTestId('usage-posted')).toBeVisible();
  await expect(usage.row(uop.assetCode).locator('td[data-col="total"]')).toHaveText('10,000');
  await expect(usage.row(straight.assetCode)).toHaveCount(0);
  await usage.enterUnits(uop.assetCode, '12000');
  await usage.save();
  await expect(usage.row(uop.assetCode).getByTestId('usage-row-error')).toHaveText('超过剩余工作量');
  await usage.enterUnits(uop.assetCode, '200');
  await expect(usage.row(uop.assetCode).locator('td[data-col="remaining"]')).toHaveText('9,800');
  await usage.save();
  await expect(page.locator('.toasts')).toContainText('已保存 1 条工作量');
  await expect(usage.screen.getByTestId('usage-changed')).toHaveCount(0);
  await expect(usage.row(uop.assetCode).getByTestId('usage-units-input')).toHaveValue('200');
  expect(api(admin, 'usage.list', { period: PERIOD }).rows[0]!.units).toBe(200);
  if (process.env.FAMS_SHOTS) await page.screenshot({ path: '/tmp/pw-vch/usage.png' });

  // An Excel import with an unknown asset code: the problem by row and column, nothing written.
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('工作量');
  ws.addRow(['资产编码', '期间', '工作量']);
  ws.addRow([uop.assetCode, PERIOD, 300]);
  ws.addRow(['AS-NO-SUCH', PERIOD, 5]);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  await usage.screen.getByTestId('usage-import-file').setInputFiles({
    name: 'usage.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  const problems = page.getByTestId('usage-import-problems');
  await expect(problems).toBeVisible();
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody tr[data-row="3"]')).toContainText('A');
  await expect(problems).not.toContainText('validation.');
  await problems.getByRole('button', { name: '关闭' }).last().click();
  await expect(problems).toBeHidden();
  expect(api(admin, 'usage.list', { period: PERIOD }).rows[0]!.units).toBe(200);
  await post(admin);

  // The mapping: 生产部 → 5101 制造费用 (行政部 keeps the default 6602 管理费用).
  const vouchers = new VouchersPage(page);
  await vouchers.open();
  await vouchers.openMapping();
  await vouchers.mapItem('生产部', '5101 制造费用');
  await expect(page.locator('.toasts')).toContainText('科目映射已保存');
  if (process.env.FAMS_SHOTS) await page.screenshot({ path: '/tmp/pw-vch/mapping.png' });
  expect(api(admin, 'accounts.mapping.get', {}).departments).toEqual({
    [String(plant.id)]: 'expense_manufacturing',
  });

  // Generate the voucher: one debit per expense account, 1602 credited with the total, balanced.
  await page.getByTestId('tab-voucher').click();
  await vouchers.pickPeriod(PERIOD);
  await expect(vouchers.screen.getByTestId('voucher-none')).toBeVisible();
  await vouchers.generate();
  await expect(vouchers.view.getByTestId('voucher-number')).toHaveText('记字第 1 号');
  await expect(vouchers.line('6602').locator('td[data-col="debit"]')).toHaveText('¥1,900.00');
  await expect(vouchers.line('6602').locator('td[data-col="name"]')).toHaveText('管理费用');
  await expect(vouchers.line('5101').locator('td[data-col="debit"]')).toHaveText('¥950.00');
  await expect(vouchers.line('1602').locator('td[data-col="credit"]')).toHaveText('¥2,850.00');
  await expect(vouchers.line('1602').locator('td[data-col="debit"]')).toHaveText('');
  await expect(vouchers.view.getByTestId('voucher-total-debit')).toHaveText('¥2,850.00');
  await expect(vouchers.view.getByTestId('voucher-total-credit')).toHaveText('¥2,850.00');
  await expect(vouchers.view.getByTestId('voucher-totals')).toContainText('借贷平衡');

  // The assets behind the 1602 credit: both, with their charges.
  const assets = await vouchers.toggleAssets('1602');
  await expect(assets.locator(`tr[data-asset="${straight.assetCode}"] td[data-col="amount"]`)).toHaveText(
    '¥1,900.00',
  );
  await expect(assets.locator(`tr[data-asset="${uop.assetCode}"] td[data-col="amount"]`)).toHaveText(
    '¥950.00',
  );
  const close = page.locator('.toasts button');
  while ((await close.count()) > 0) await close.first().click();
  await page.screenshot({ path: 'docs/screenshots/voucher.png' });

  // Export: the job's file downloads, and its 凭证 sheet carries the same lines.
  const download = await vouchers.export();
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = `/tmp/pw-vch-${Date.now()}.xlsx`;
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet('凭证')!;
  const cells: string[] = [];
  sheet.eachRow((row) => cells.push(JSON.stringify(row.values)));
  expect(cells.join('\n')).toContain('1602');
  expect(cells.join('\n')).toContain('5101');

  expect(errors).toEqual([]);
});
