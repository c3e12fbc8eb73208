// Label printers from the browser shell. An OS printer: the browser cannot reach the system's print
// queue, so choosing it says so in plain words and downloads the same labels as a PDF, whose codes
// decode back to the asset codes. A network printer: the devices screen shows what it says (paper out).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import { pageApi as api } from './fixtures/browser-session';
import { SetupPage } from './pages/setup-page';
import { LedgerPage } from './pages/ledger-page';
import { PrintDialog } from './pages/labels-page';
import { DevicesPage } from './pages/devices-page';
import { PrinterSim } from '../sim/printer-sim';

const PASSWORD = 'clerk-pass-2024';

/** A fresh company set up on the first-run screen; page errors (only) are collected from the start. */
async function firstRun(page: Page, opts: { sampleCompany: boolean }): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new SetupPage(page).completeFirstRun({
    company: '杭州示例电子有限公司',
    standard: 'sbe',
    password: PASSWORD,
    ...opts,
  });
  return errors;
}

test('an OS printer in the browser shell: the dialog explains and downloads the PDF instead', async ({
  page,
}) => {
  const errors = await firstRun(page, { sampleCompany: true });
  const { rows } = await api<{ rows: { id: number; assetCode: string }[] }>(page, 'assets.list', {
    limit: 2,
  });
  // Added through the devices screen: in the browser shell the dialog says what printing will do.
  const devices = new DevicesPage(page);
  await devices.open();
  await page.getByTestId('add-device').click();
  await devices.dialog.locator('#dev-name').fill('办公室激光打印机');
  await devices.dialog.locator('#dev-kind').selectOption('printer');
  await devices.dialog.locator('#dev-protocol').selectOption('pdf');
  await devices.dialog.locator('#dev-transport').selectOption('os');
  await expect(devices.dialog.getByTestId('os-printer-browser')).toContainText('打印时会下载 PDF');
  await devices.save();

  const ledger = new LedgerPage(page);
  await ledger.open();
  await ledger.search.fill('');
  for (const r of rows) {
    await ledger.table.locator(`[role=row][data-key="${r.id}"] input[type=checkbox]`).check();
  }
  await page.getByTestId('print-labels').click();
  const print = new PrintDialog(page);
  await expect(print.root).toBeVisible();
  await print.root.getByTestId('print-printer').selectOption({ label: '办公室激光打印机 (PDF)' });
  await expect(print.root.getByTestId('print-output').locator('input[value=pdf]')).toBeChecked();

  const file = await print.runAndDownload();
  await expect(page.locator('.toast.info')).toContainText('浏览器版不能直接使用系统打印机');
  await page.screenshot({ path: test.info().outputPath('os-printer-fallback.png') });
  expect(file.name).toMatch(/\.pdf$/);
  expect(readFileSync(file.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'fams-pdf-'));
  try {
    execFileSync('pdftoppm', ['-r', '300', '-png', file.path, join(dir, 'p')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(2);
    const decoded = pngs
      .map((png) => execFileSync('zbarimg', ['-q', '--raw', join(dir, png)], { encoding: 'utf8' }))
      .join('');
    for (const r of rows) expect(decoded).toContain(r.assetCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The history records the PDF that was actually made, with no error.
  const history = await api<{ output: string; status: string; target: string }[]>(page, 'labels.history', {});
  expect(history[0]).toMatchObject({ output: 'pdf', status: 'done', target: '' });
  expect(errors).toEqual([]);
});

test("the devices screen shows a label printer's own state: paper out, then ready after a check", async ({
  page,
}) => {
  const errors = await firstRun(page, { sampleCompany: false });
  const printer = new PrinterSim('tspl');
  const port = await printer.start();
  try {
    printer.world.paperOut = true;
    const dev = await api<{ id: number }>(page, 'devices.add', {
      kind: 'printer',
      transport: 'tcp',
      protocol: 'tspl',
      host: '127.0.0.1',
      port,
      name: '仓库 TSC 打印机',
    });
    const devices = new DevicesPage(page);
    await devices.open();
    const state = page.locator(`tr[data-device="${dev.id}"]`).getByTestId('printer-state');
    await expect(state).toHaveAttribute('data-problems', 'labels.printer.paperOut');
    await expect(state).toContainText('缺纸');
    await page.screenshot({ path: test.info().outputPath('printer-status.png') });
    printer.world.paperOut = false;
    await state.getByTestId('printer-check').click();
    await expect(state).toHaveAttribute('data-problems', '');
    await expect(state).toContainText('就绪');
    expect(printer.statusQueries).toBeGreaterThanOrEqual(2);
  } finally {
    await printer.stop();
  }
  expect(errors).toEqual([]);
});
