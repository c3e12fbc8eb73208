// Import, export and backup through the browser shell, as a clerk migrating an old Excel list: a messy
// workbook (title row, blank row, a bad date, a total row) is previewed with the problem named by
// row and column, imported without the bad row, found in the ledger, exported filtered (the file's
// rows checked), and a backup made and listed. Screenshot: docs/screenshots/import-preview.png.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { test, expect, type ServerFixture } from './fixtures/server';
import { coreApi, signInToken } from './fixtures/core-scene';
import { collectErrors } from './fixtures/browser-session';
import { LoginPage } from './pages/login-page';
import { LedgerPage } from './pages/ledger-page';
import { ImportPage } from './pages/import-page';
import { BackupPage } from './pages/backup-page';
import { goHash } from './pages/dialogs';

const ADMIN_PASSWORD = 'admin-pass-123';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

/** The core as the admin, and a category assets can be imported into (active, no subcategories). */
function asAdmin(server: ServerFixture) {
  const api = coreApi(server);
  const admin = signInToken(api, 'admin', ADMIN_PASSWORD);
  const leaf = api(admin, 'settings.categories.list', {}).find(
    (c, _i, all) => c.active && !all.some((o) => o.parentId === c.id),
  )!;
  return { api, admin, leaf };
}

/** An old hand-kept list: a title and a blank row above the header, a bad date, a total row. */
async function messyWorkbook(category: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('固定资产');
  ws.addRow(['华东精密 固定资产清单（2023 年底）']);
  ws.mergeCells('A1:G1');
  ws.addRow([]);
  ws.addRow(['编号', '资产名称', '类别', '原价', '购置日期', '使用部门', '备注']);
  ws.addRow(['OLD-001', '旧账 台式电脑', category, '¥5,200.00', '2023/3/15', '行政部', '']);
  ws.addRow(['OLD-002', '旧账 激光打印机', category, '1800', '2023年5月1日', '行政部', '']);
  ws.addRow(['OLD-003', '旧账 投影仪', category, '3,999.5', '2023-13-45', '行政部', '日期写错了']);
  ws.addRow(['OLD-004', '旧账 交换机', category, '2100', 45000, '行政部', 'Excel 日期']);
  ws.addRow(['合计', '', '', '13099.5', '', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('import a messy workbook, skip the bad row, see it in the ledger, export filtered, back up', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const { api, admin, leaf } = asAdmin(server);
  api(admin, 'settings.departments.create', { code: 'D-ADM', name: '行政部', headUserId: null });

  await new LoginPage(page).signIn('admin', ADMIN_PASSWORD);
  const imp = new ImportPage(page);
  await imp.open();
  await imp.choose('旧资产清单.xlsx', await messyWorkbook(leaf.name));

  // Three good rows, one with a problem named by its row and column in plain words.
  await expect(imp.count('insert')).toHaveAttribute('data-count', '3');
  await expect(imp.count('error')).toHaveAttribute('data-count', '1');
  await expect(imp.preview).toContainText('表头在第 3 行');
  const problems = await imp.problemRows();
  expect(problems).toHaveLength(1);
  expect(problems[0]![0]).toBe('6');
  expect(problems[0]![1]).toBe('E · 购置日期');
  expect(problems[0]![3]).toBe('2023-13-45');
  expect(problems[0]![4]).toBe('日期无法识别');
  // The mapping editor shows the user's headers against the fields they were matched to.
  await expect(page.getByTestId('map-A')).toHaveValue('assetCode');
  await expect(page.getByTestId('map-D')).toHaveValue('cost');
  // Committing is refused until the bad row is fixed or skipped.
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  // The screen scrolls inside the layout, so a taller window shows the whole preview.
  await page.setViewportSize({ width: 1360, height: 1000 });
  await page.screenshot({ path: 'docs/screenshots/import-preview.png' });
  await page.setViewportSize({ width: 1360, height: 860 });

  await imp.skipErrorsAndCommit();
  await expect(page.getByTestId('result-inserted')).toContainText('新增 3 项资产');
  await page.getByTestId('import-to-ledger').click();

  const ledger = new LedgerPage(page);
  await expect(ledger.table).toBeVisible();
  await ledger.searchFor('旧账');
  await expect(ledger.total).toHaveText(/(^|\D)3(\D|$)/);
  await expect(ledger.rowWith('旧账 台式电脑')).toBeVisible();
  await expect(ledger.rowWith('旧账 投影仪')).toHaveCount(0);

  // Export the filtered list: the file holds exactly those rows, plus the title, header and totals.
  await page.getByTestId('ledger-export').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^资产台账-\d{8}-\d{6}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await file.path())!) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const header = ws.getRow(2).values as unknown[];
  const nameCol = header.indexOf('资产名称');
  const costCol = header.indexOf('原值');
  expect(nameCol).toBeGreaterThan(0);
  const names: string[] = [];
  for (let r = 3; r < ws.rowCount; r++) names.push(String(ws.getCell(r, nameCol).value));
  expect(names.sort()).toEqual(['旧账 交换机', '旧账 台式电脑', '旧账 激光打印机']);
  expect(ws.getCell(ws.rowCount, 1).value).toBe('合计');
  expect(ws.getCell(ws.rowCount, 2).value).toBe('共 3 项');
  expect(ws.getCell(ws.rowCount, costCol).value).toBeCloseTo(5200 + 1800 + 2100, 2);
  await expect(page.getByTestId('export-progress')).toBeHidden();

  // Back up now: the backup is listed with its kind and note.
  const backup = new BackupPage(page);
  await goHash(page, '#/backup');
  await backup.backUpNow('导入之后');
  const row = backup.rowWith('导入之后');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-kind', 'manual');
  await expect(row).toContainText('手动');
  await row.getByTestId('backup-preview').click();
  await expect(page.getByTestId('pv-assets')).toHaveText('3');
  await page.screenshot({ path: test.info().outputPath('backup-preview.png') });
  await page.getByTestId('backup-preview-dialog').getByRole('button', { name: '关闭' }).last().click();
  await page.getByTestId('backup-restore').first().click();
  await expect(page.getByTestId('restore-confirm')).toContainText('恢复前，当前数据会先自动另存为');
  await page.screenshot({ path: test.info().outputPath('backup-restore.png') });
  await page.getByTestId('restore-confirm').getByRole('button', { name: '取消' }).click();

  // Delete everything imported, then restore the backup: the cards come back and everyone signs in again.
  const ids = api(admin, 'assets.list', { query: '旧账', filters: {}, sort: [], offset: 0, limit: 10 }).rows;
  for (const a of ids) api(admin, 'assets.delete', { id: a.id, version: a.version, reason: '测试恢复' });
  await backup.rowWith('导入之后').getByTestId('backup-restore').click();
  await page.getByTestId('restore-go').click();
  const progress = page.getByTestId('backup-progress');
  await expect(progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('backup-signed-out')).toContainText('请重新登录');
  await progress.getByTestId('progress-close').click();
  const login = new LoginPage(page);
  await expect(login.form).toBeVisible();
  await login.attempt('admin', ADMIN_PASSWORD);
  await goHash(page, '#/assets');
  await ledger.searchFor('旧账');
  await expect(ledger.total).toHaveText(/(^|\D)3(\D|$)/);
  // The state before the restore was kept as a backup of its own.
  await backup.open();
  await expect(backup.rows.and(page.locator('[data-kind="pre-restore"]'))).toHaveCount(1);

  expect(errors).toEqual([]);
});

/** A small list whose 设备说明 column no synonym knows; codes from `first`. */
async function plainWorkbook(category: string, first: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资产');
  ws.addRow(['资产编号', '资产名称', '资产类别', '原值', '设备说明']);
  for (let i = first; i < first + 2; i++)
    ws.addRow([`MAP-00${i}`, `映射测试${i}`, category, 1000, `说明${i}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a corrected mapping is remembered; a department tree comes in through the kind picker', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const { api, admin, leaf } = asAdmin(server);

  await new LoginPage(page).signIn('admin', ADMIN_PASSWORD);
  const imp = new ImportPage(page);
  await imp.open();
  await imp.choose('清单一.xlsx', await plainWorkbook(leaf.name, 1));
  // 设备说明 is not a known header: the user points it at 备注.
  await expect(page.getByTestId('map-E')).toHaveValue('');
  await imp.mapColumn('E', 'notes');
  await expect(imp.count('insert')).toHaveAttribute('data-count', '2');
  await imp.commit();
  expect(api(admin, 'assets.findByCode', { code: 'MAP-001' }).notes).toBe('说明1');

  // The next file with the same header layout comes back mapped the same way.
  await page.getByRole('button', { name: '再导入一个文件' }).click();
  await imp.choose('清单二.xlsx', await plainWorkbook(leaf.name, 3));
  await expect(page.getByTestId('map-E')).toHaveValue('notes');
  await expect(page.getByTestId('import-mapping')).toContainText('已使用上次记住的对应关系');
  await imp.commit();
  expect(api(admin, 'assets.findByCode', { code: 'MAP-004' }).notes).toBe('说明4');

  // Departments: a child listed before its parent, the parent named by path.
  await page.getByRole('button', { name: '再导入一个文件' }).click();
  await imp.chooseKind('departments');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('部门');
  ws.addRow(['部门名称', '上级部门', '部门编码']);
  ws.addRow(['装配车间', '集团/制造部', 'E2E-D2']);
  ws.addRow(['制造部', 'E2E-D0', 'E2E-D1']);
  ws.addRow(['集团', '', 'E2E-D0']);
  await imp.choose('部门.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  await expect(page.getByTestId('map-B')).toHaveValue('parent');
  await expect(imp.count('insert')).toHaveAttribute('data-count', '3');
  await imp.commit();
  await expect(page.getByTestId('import-to-settings')).toBeVisible();
  const depts = api(admin, 'settings.departments.list', {});
  expect(depts.find((d) => d.code === 'E2E-D2')?.pathName).toBe('集团 / 制造部 / 装配车间');

  expect(errors).toEqual([]);
});
