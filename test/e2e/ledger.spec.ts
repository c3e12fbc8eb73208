// The clerk's story through the browser shell: first-run setup, sign in, base settings, create an
// asset, find it by a Chinese substring, edit it, read its history, and a stale edit from a second
// session that shows who changed what and never overwrites. Screenshots go to docs/screenshots/.
import { test, expect } from './fixtures/server';
import { collectErrors } from './fixtures/browser-session';
import { SetupPage } from './pages/setup-page';
import { LoginPage } from './pages/login-page';
import { LedgerPage } from './pages/ledger-page';
import { AssetDetailPage, AssetFormPage } from './pages/asset-page';
import { SettingsPage } from './pages/settings-page';

const PASSWORD = 'clerk-pass-2024';

test('setup, sign in, create, find by Chinese substring, edit, history, stale edit is refused', async ({
  page,
  sessions,
}) => {
  const errors = collectErrors(page);
  await page.goto('/');

  const setup = new SetupPage(page);
  await setup.expectShown();
  await setup.fill({
    company: '华东精密机械有限公司',
    standard: 'sbe',
    password: PASSWORD,
    confirm: 'different-1',
  });
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await setup.fill({ company: '华东精密机械有限公司', standard: 'sbe', password: PASSWORD });
  await page.screenshot({ path: 'docs/screenshots/setup.png' });
  await setup.submit();
  await expect(page.locator('.topbar .company')).toHaveText('华东精密机械有限公司');

  // Sign out and back in; a wrong password is said plainly.
  const login = new LoginPage(page);
  await login.signOut();
  await expect(login.form).toContainText('华东精密机械有限公司');
  await login.attempt('admin', 'not-the-password');
  await expect(login.error).toHaveText('用户名或密码错误。');
  await login.signIn('admin', PASSWORD);

  // Base settings through the settings screens.
  const settings = new SettingsPage(page);
  await settings.createCategory({
    code: 'NB',
    name: '笔记本电脑',
    lifeMonths: 36,
    residualRatePct: 5,
    method: 'straight_line',
    taxClass: 'electronics',
  });
  await settings.createLocation({ code: 'HQ', name: '总部大楼', kind: 'building' });

  // Create an asset; the category's defaults show as placeholders.
  const ledger = new LedgerPage(page);
  await ledger.open();
  await ledger.newAsset();
  const form = new AssetFormPage(page);
  await form.fill({ name: '联想ThinkPad X1 笔记本', category: '笔记本电脑', location: '总部大楼' });
  await expect(page.locator('#f-lifeMonths')).toHaveAttribute('placeholder', /36/);
  await form.fill({ model: 'X1 Carbon', serialNo: 'PF3K9Z1', cost: '8,999', inServiceDate: '2024-03-15' });
  let detail = await form.save();
  await expect(detail.name).toHaveText('联想ThinkPad X1 笔记本');
  await expect(detail.code).toHaveText(/^[\x21-\x7e]+$/);
  await expect(detail.field('cost')).toHaveText('¥8,999.00');
  await expect(detail.field('inServiceDate')).toHaveText('2024-03-15');
  await expect(detail.field('lifeMonths')).toContainText('36');
  const id = await detail.id();

  // A validation problem is shown under its field.
  await ledger.open();
  await ledger.newAsset();
  await form.fill({ category: '笔记本电脑' });
  await form.submit();
  await expect(page.locator('#f-name').locator('xpath=..').locator('.field-error')).toHaveText('必填');

  // Find it by a Chinese substring inside the name.
  await ledger.open();
  await ledger.searchFor('联想');
  await expect(ledger.rowWith('联想ThinkPad X1')).toHaveCount(1);
  await expect(ledger.total).toContainText('1');
  await ledger.searchFor('不存在的资产');
  await expect(ledger.rows).toHaveCount(0);
  await ledger.searchFor('想Think');
  await ledger.openRow('联想ThinkPad X1');

  // Edit: the history shows who changed which field, before → after.
  let edit = await detail.edit();
  await edit.fill({ cost: '9299.5', model: 'X1 Carbon Gen 12' });
  detail = await edit.save();
  await expect(detail.field('cost')).toHaveText('¥9,299.50');
  const change = detail.history.locator('li[data-field="cost"]').first();
  await expect(change).toContainText('原值');
  await expect(change.locator('.before')).toHaveText('¥8,999.00');
  await expect(change.locator('.after')).toHaveText('¥9,299.50');
  await expect(detail.history).toContainText('admin');

  // A second session opens the edit form (reading this version)…
  const page2 = await sessions.signedIn('admin', PASSWORD);
  await page2.evaluate((h) => (location.hash = h), `#/assets/${id}/edit`);
  const form2 = new AssetFormPage(page2);
  await expect(page2.locator('#f-model')).toHaveValue('X1 Carbon Gen 12');

  // …meanwhile the first session changes the card…
  edit = await detail.edit();
  await edit.fill({ notes: '已贴资产标签', model: 'X1 Carbon Gen 12 (2024)' });
  detail = await edit.save();
  await expect(detail.field('notes')).toHaveText('已贴资产标签');

  // …so the second session's save is stale: it is told who changed what, and nothing is overwritten.
  await form2.fill({ model: '旧型号覆盖' });
  await form2.submit();
  await expect(form2.conflict).toBeVisible();
  await expect(form2.conflict).toContainText('admin');
  await expect(form2.conflict.getByTestId('conflict-fields')).toContainText('规格型号');
  await expect(form2.conflict.getByTestId('conflict-fields')).toContainText('备注');
  await form2.conflict.getByTestId('conflict-reload').click();
  await expect(form2.conflict).toBeHidden();
  await expect(page2.locator('#f-model')).toHaveValue('X1 Carbon Gen 12 (2024)');
  await expect(page2.locator('#f-notes')).toHaveValue('已贴资产标签');
  await page2.context().close();

  await page.reload();
  detail = new AssetDetailPage(page);
  await expect(detail.field('model')).toHaveText('X1 Carbon Gen 12 (2024)');
  await expect(detail.history.locator('li[data-field="model"]')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a sample company fills the ledger: sort, filter by status, bulk change, English', async ({ page }) => {
  const errors = collectErrors(page);
  await new SetupPage(page).completeFirstRun({
    company: '苏州示例制造有限公司',
    standard: 'cas',
    password: PASSWORD,
    sampleCompany: true,
  });

  const ledger = new LedgerPage(page);
  await ledger.open();
  await expect(ledger.rows.first()).toBeVisible();
  await expect(ledger.total).not.toContainText(/共 0 /);
  await page.screenshot({ path: 'docs/screenshots/ledger.png' });

  // Sort by cost, highest first: the first row costs at least as much as the second.
  const costHeader = ledger.table.locator('[role=columnheader][data-col="cost"] button');
  await costHeader.click();
  await costHeader.click();
  await expect(ledger.table.locator('[role=columnheader][data-col="cost"]')).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const fen = async (i: number) =>
    Number((await ledger.rows.nth(i).locator('[data-col="cost"]').innerText()).replace(/[¥,.]/g, ''));
  await expect.poll(async () => (await fen(0)) >= (await fen(1))).toBe(true);

  // Filter by a status: every row shown has it.
  await page.getByTestId('filter-status').click();
  await page.getByTestId('ledger-filters').getByLabel('闲置').check();
  await page.getByTestId('filter-status').click();
  await expect(ledger.rows.first().locator('[data-status]')).toHaveAttribute('data-status', 'idle');
  const statuses = await ledger.rows
    .locator('[data-status]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(new Set(statuses)).toEqual(new Set(['idle']));

  // Bulk change: select two rows, move them to another location.
  await ledger.rows.nth(0).locator('input[type=checkbox]').check();
  await ledger.rows.nth(1).locator('input[type=checkbox]').check();
  await page.getByTestId('bulk-change').click();
  const bulk = page.getByTestId('bulk-dialog');
  await bulk.locator('#bulk-location').click();
  const firstPlace = bulk.getByRole('option').first().locator('button');
  const placeName = (await firstPlace.innerText()).trim();
  await firstPlace.click();
  await bulk.getByRole('button', { name: '保存' }).click();
  await expect(bulk).toBeHidden();
  await expect(page.getByText('已修改 2 项资产')).toBeVisible();
  await expect(ledger.rows.nth(0).locator('[data-col="locationName"]')).toContainText(placeName);

  // The detail of a moved asset: a full card, and the bulk change in its history.
  await ledger.rows.nth(0).click();
  const detail = new AssetDetailPage(page);
  await expect(detail.card).toBeVisible();
  await expect(detail.history).toContainText('批量修改');
  await expect(detail.history.locator('li[data-field="locationId"] .after')).toContainText(placeName);
  await page.screenshot({ path: 'docs/screenshots/asset-detail.png' });

  // Back to the list: the filter is still on.
  await page.getByRole('link', { name: /返回/ }).click();
  await expect(page.getByTestId('filter-status')).toHaveText('闲置');

  // English is complete on this screen.
  await page.locator('.topbar').getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Asset ledger' })).toBeVisible();
  await expect(ledger.table.locator('[role=columnheader][data-col="cost"]')).toHaveText(/Cost/);
  const text = await page.locator('.ledger').innerText();
  expect(text).not.toMatch(/\b(field|ledger|status|action|common)\.[a-zA-Z]/);
  await new LedgerPage(page).newAsset();
  await expect(page.getByRole('heading', { name: 'New asset' })).toBeVisible();
  const formText = await page.getByTestId('asset-form').innerText();
  expect(formText).not.toMatch(/\b(field|form|asset|picker|method|status)\.[a-zA-Z]/);
  await page.screenshot({ path: test.info().outputPath('asset-form-en.png') });
  expect(errors).toEqual([]);
});
