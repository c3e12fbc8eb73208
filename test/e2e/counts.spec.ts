// An inventory count through the browser shell: a small ledger set up through the API, a count over
// one room planned and started on the screen, three scans typed into the scan field (two of the three
// expected assets, one from another room, one unknown code described as surplus), finish, the
// differences (matched, location mismatch, missing, surplus), resolutions by the asset manager,
// posting by a second person (an approver), the report PDF, and the asset history naming the count.
// A blind count's counter sees only what was found, and a keyboard-wedge scan typed anywhere on the
// page goes into the count activated on this station.
// Screenshots: docs/screenshots/{count-session,count-reconcile}.png.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures/server';
import type { InputOf } from '../../src/main/api/contracts';
import { Scene, straightLineCategory } from './fixtures/core-scene';
import { collectErrors } from './fixtures/browser-session';
import { LoginPage } from './pages/login-page';
import { CountsPage } from './pages/counts-page';
import { goHash } from './pages/dialogs';
import { wedgeScan } from './pages/devices-page';

const ADMIN_PASSWORD = 'admin-pass-123';
/** A 1×1 PNG: the counter's photo of the unknown item. */
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PASSWORD = 'count-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

test('count: plan, scan, finish, reconcile, second-person post, report, asset history', async ({
  page,
  server,
  sessions,
}) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  scene.user('manager', '王主管', 'asset_manager');
  scene.user('approver', '赵经理', 'approver');
  // Finance decides the write-off (盘亏) the posting turns into a disposal request.
  scene.user('accountant', '钱会计', 'accountant');
  const cat = scene.category(straightLineCategory('E2E-FU', '办公家具', 60, 'tools_furniture'));
  const building = scene.location('B1', '研发楼', 'building');
  const room = scene.location('B1-501', '501会议室', 'room', building.id);
  const store = scene.location('B1-WH', '一楼库房', 'room', building.id);
  const asset = (name: string, locationId: number) => scene.asset(name, cat.id, locationId, 120_000);
  const table = asset('会议桌', room.id);
  const chair = asset('会议椅', room.id);
  const screen = asset('投影幕布', room.id);
  const cabinet = asset('文件柜', store.id);

  // The asset manager plans the count over the meeting room, starts it and counts.
  await new LoginPage(page).signIn('manager', PASSWORD);
  const counts = new CountsPage(page);
  await counts.open();
  const id = await counts.create({
    name: '501会议室季度盘点',
    locations: ['501会议室'],
    screenshot: test.info().outputPath('count-create.png'),
  });
  await expect(counts.status()).toHaveAttribute('data-status', 'draft');
  await counts.start();
  await counts.pickRoom('501会议室');
  await expect(counts.session.getByTestId('remaining-list')).toContainText(screen.assetCode);

  const r1 = await counts.scan(table.assetCode);
  await expect(r1).toHaveAttribute('data-outcome', 'counted');
  await expect(r1).toHaveAttribute('data-elsewhere', '0');
  await counts.scan(chair.assetCode);
  const dup = await counts.scan(chair.assetCode);
  await expect(dup).toHaveAttribute('data-outcome', 'duplicate');
  const away = await counts.scan(cabinet.assetCode);
  await expect(away).toHaveAttribute('data-outcome', 'counted');
  await expect(away).toHaveAttribute('data-elsewhere', '1');
  await expect(away).toHaveAttribute('data-not-on-list', '1');
  await expect(away).toContainText('一楼库房');
  // An unknown code: the surplus dialog asks what it is.
  await counts.scan('OLD-PRN-0001');
  await expect(counts.session.getByTestId('scan-result')).toHaveAttribute('data-outcome', 'unknown');
  await expect(counts.surplusDialog).toBeVisible();
  await counts.surplusDialog.locator('#surplus-name').fill('旧激光打印机');
  await counts.surplusDialog.locator('#surplus-value').fill('350');
  await counts.surplusDialog.locator('#surplus-photo').setInputFiles({
    name: 'printer.png',
    mimeType: 'image/png',
    buffer: Buffer.from(PNG_1PX, 'base64'),
  });
  await counts.surplusDialog.getByTestId('dialog-save').click();
  await expect(counts.surplusDialog).toBeHidden();
  await expect(counts.session.getByTestId('surplus-described')).toContainText('旧激光打印机');

  // Live progress in the room: 3 expected, 2 found, 1 remaining, 1 unknown; the store lost one to here.
  const progress = counts.session.getByTestId('area-progress');
  const roomRow = progress.locator('tr[data-area="501会议室"]');
  await expect(roomRow.locator('[data-col="found"]')).toHaveText('2');
  await expect(roomRow.locator('[data-col="remaining"]')).toHaveText('1');
  await expect(roomRow.locator('[data-col="unknown"]')).toHaveText('1');
  await expect(roomRow.locator('[data-col="arrived"]')).toHaveText('1');
  await expect(counts.session.getByTestId('scan-feed').locator('tbody tr')).toHaveCount(6);
  await page.locator('.toasts button').evaluateAll((bs) => bs.forEach((b) => (b as HTMLElement).click()));
  await page.screenshot({ path: 'docs/screenshots/count-session.png', fullPage: true });

  // A reload loses nothing: the feed is read back from the core.
  await page.reload();
  await expect(counts.session.getByTestId('scan-feed').locator('tbody tr')).toHaveCount(6);

  await counts.finish();
  await counts.filterResult('all');
  await expect(counts.differenceRows()).toHaveCount(5);
  const resultOf = (text: string) => counts.row(text).locator('[data-result]');
  await expect(resultOf(table.assetCode)).toHaveAttribute('data-result', 'matched');
  await expect(resultOf(chair.assetCode)).toHaveAttribute('data-result', 'matched');
  await expect(resultOf(cabinet.assetCode)).toHaveAttribute('data-result', 'location_mismatch');
  await expect(resultOf(screen.assetCode)).toHaveAttribute('data-result', 'missing');
  await expect(resultOf('OLD-PRN-0001')).toHaveAttribute('data-result', 'surplus');
  await counts.filterResult('differences');
  await expect(counts.differenceRows()).toHaveCount(3);
  await counts.filterResult('missing');
  await expect(counts.differenceRows()).toHaveCount(1);
  await counts.filterResult('differences');
  await expect(counts.differenceRows()).toHaveCount(3);

  // The counter's photo is there as evidence.
  await counts.row('OLD-PRN-0001').getByTestId('show-photo').click();
  const photo = page.getByTestId('photo-dialog').locator('img');
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await page.getByTestId('photo-dialog').press('Escape');
  await expect(page.getByTestId('photo-dialog')).toBeHidden();

  await counts.resolve(cabinet.assetCode, 'move', { note: '会议室长期使用' });
  await counts.resolve(screen.assetCode, 'write_off', { note: '找不到，已报告' });
  await counts.resolve('OLD-PRN-0001', 'add_to_ledger', { category: '办公家具' });
  await expect(counts.row(cabinet.assetCode).getByTestId('resolution-text')).toContainText('501会议室');
  // The manager resolved: the UI says another person must post.
  await expect(counts.session.getByTestId('post-panel')).toContainText('另一位');
  await expect(counts.session.getByTestId('count-post')).toBeDisabled();
  await expect(counts.session.getByTestId('difference-rate')).toContainText(/60(\.0+)?%/);
  await page.screenshot({ path: 'docs/screenshots/count-reconcile.png', fullPage: true });

  // The approver posts, then downloads the report.
  const approver = await sessions.signedIn('approver', PASSWORD, { acceptDownloads: true });
  const approverErrors = collectErrors(approver);
  const forbidden: string[] = [];
  approver.on('response', (r) => {
    if (r.status() === 403) forbidden.push(r.url());
  });
  const asApprover = new CountsPage(approver);
  await asApprover.openCount(id);
  await expect(asApprover.session.getByTestId('post-panel')).toContainText('审批');
  await asApprover.post();
  await expect(asApprover.session.getByTestId('post-panel')).toContainText('已于');
  const download = await asApprover.downloadReport('pdf');
  const dir = mkdtempSync(join(tmpdir(), 'count-e2e-'));
  try {
    const file = join(dir, 'report.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['501会议室季度盘点', '位置不符', '盘亏', '盘盈', '盘点人', '监盘人', '负责人', '60.00%'])
      expect(text, s).toContain(s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  expect(forbidden).toEqual([]);
  expect(approverErrors).toEqual([]);
  await approver.context().close();

  await counts.open();
  await expect(counts.list.getByTestId('count-link')).toHaveText(['501会议室季度盘点']);
  // The KPI over time: this count's difference rate (3 differences of 5 counted).
  await expect(counts.list.getByTestId('count-kpi').getByTestId('kpi-bar')).toHaveText(/60%/);
  await page.screenshot({ path: test.info().outputPath('count-list.png') });

  // The ledger moved the cabinet, with the count named in its history.
  await goHash(page, `#/assets/${cabinet.id}`);
  await expect(page.getByText(`盘点 #${id} 501会议室季度盘点`).first()).toBeVisible();
  expect(api(admin, 'assets.get', { id: cabinet.id } as InputOf<'assets.get'>).locationId).toBe(room.id);
  // The screen written off (盘亏) is a disposal request waiting for finance, naming the count.
  expect(api(admin, 'assets.get', { id: screen.id } as InputOf<'assets.get'>).status).toBe(
    'pending_disposal',
  );
  const [writeOff] = api(admin, 'disposals.list', { assetId: screen.id } as InputOf<'disposals.list'>).rows;
  expect(writeOff).toMatchObject({ kind: 'write_off', status: 'pending' });
  expect(writeOff!.reason).toContain(`盘亏：盘点 #${id} 501会议室季度盘点`);
  expect(errors).toEqual([]);
});

test('blind count: the counter sees only what was found; wedge scans feed the activated count', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  scene.user('clerk', '小李', 'clerk');
  const cat = scene.category(straightLineCategory('E2E-PC', '电脑', 36, 'electronics'));
  const room = scene.location('F2-201', '201办公室', 'room');
  const hall = scene.location('F2-HALL', '二楼大厅', 'room');
  const asset = (name: string, locationId: number) => scene.asset(name, cat.id, locationId, 600_000);
  const pc = asset('台式机', room.id);
  asset('显示器', room.id);
  const laptop = asset('笔记本', hall.id);
  const count = api(admin, 'counts.create', {
    name: '电脑盲盘',
    blind: true,
    scope: { locationIds: [room.id, hall.id] },
  } as InputOf<'counts.create'>);
  api(admin, 'counts.start', { id: count.id });

  await new LoginPage(page).signIn('clerk', PASSWORD);
  const counts = new CountsPage(page);
  await counts.open();
  await counts.list.getByTestId('count-link').filter({ hasText: '电脑盲盘' }).click();
  await expect(counts.status()).toHaveAttribute('data-status', 'in_progress');
  // Blind: nothing expected is shown — no expected totals, no remaining list, only found / unknown columns.
  await expect(counts.session.locator('.meta')).toContainText('账面 —');
  await counts.session.getByTestId('count-activate').click();
  await expect(counts.session.getByTestId('count-active')).toBeVisible();
  await counts.pickRoom('201办公室');
  await expect(counts.session.getByTestId('remaining-list')).toHaveCount(0);
  const headers = await counts.session.getByTestId('area-progress').locator('thead th').allInnerTexts();
  expect(headers.map((h) => h.trim())).toEqual(['区域', '已盘到', '未知']);

  // A wedge scanner typing into the page (not the scan field): the core routes it to the count.
  await page.locator('h1').click();
  await wedgeScan(page, pc.assetCode);
  const result = counts.session.getByTestId('scan-result');
  await expect(result).toHaveAttribute('data-outcome', 'counted');
  await expect(result).toContainText(pc.assetCode);
  // Found in the wrong room: a blind counter is not told where it was expected.
  await wedgeScan(page, laptop.assetCode);
  await expect(result).toContainText(laptop.assetCode);
  await expect(result).toHaveAttribute('data-elsewhere', '0');
  await expect(counts.session).not.toContainText('二楼大厅');
  const roomRow = counts.session.getByTestId('area-progress').locator('tr[data-area="201办公室"]');
  await expect(roomRow.locator('[data-col="found"]')).toHaveText('2');
  await expect(page).toHaveURL(new RegExp(`#/counts/${count.id}$`)); // find mode did not open a card
  const scans = api(admin, 'scans.list', { limit: 5 } as InputOf<'scans.list'>).rows;
  expect(
    scans.filter((r) => r.target === 'count' && r.targetId === count.id && r.source === 'wedge'),
  ).toHaveLength(2);

  // The offline sheet a blind counter exports has no expected columns.
  const download = page.waitForEvent('download');
  await counts.session.getByTestId('sheet-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(await file.createReadStream());
  const sheetText = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
  expect(sheetText).toContain('资产编号');
  expect(sheetText).toContain(pc.assetCode);
  for (const hidden of ['账面位置', '账面保管人', '账面状态', '二楼大厅'])
    expect(sheetText).not.toContain(hidden);
  expect(errors).toEqual([]);
});
