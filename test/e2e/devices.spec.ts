// Devices, scanning and labels through the browser shell: a keyboard-wedge scan (typed at scanner
// speed) opens the asset card from anywhere, also when it lands in the search box, while the same
// characters typed by a person stay ordinary typing; the devices screen finds HID POS and serial
// devices, configures a wedge scanner and tests it; the label designer previews and saves (and
// says plainly when someone else saved first); printing two assets downloads a PDF whose codes
// decode back to the asset codes. Screenshots go to docs/screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import { collectErrors, pageApi as api } from './fixtures/browser-session';
import { SetupPage } from './pages/setup-page';
import { LedgerPage } from './pages/ledger-page';
import { DevicesPage, wedgeScan } from './pages/devices-page';
import { LabelsPage, PrintDialog } from './pages/labels-page';
import { goHash } from './pages/dialogs';
import { R2000Sim } from '../sim/r2000-sim';
import { makeLink } from '../../src/main/devices/drivers';
import type { ByteLink } from '../../src/main/devices/transport';
import { encodeAsciiEpc } from '../../src/main/devices/rfid/epc';
import { PrinterSim, zplFields } from '../sim/printer-sim';

const PASSWORD = 'clerk-pass-2024';
/** A scanner sends a key every ~7–8 ms (reference §1a.4); a quick person every 150 ms. */
const SCANNER_MS = 8;
const PERSON_MS = 150;

interface AssetRow {
  id: number;
  assetCode: string;
  name: string;
}

async function setUpSampleCompany(page: Page): Promise<AssetRow[]> {
  await new SetupPage(page).completeFirstRun({
    company: '杭州示例电子有限公司',
    standard: 'sbe',
    password: PASSWORD,
    sampleCompany: true,
  });
  const list = await api<{ rows: AssetRow[] }>(page, 'assets.list', { limit: 2 });
  expect(list.rows).toHaveLength(2);
  for (const r of list.rows) expect(r.assetCode).toMatch(/^[\x21-\x7e]{4,}$/);
  return list.rows;
}

async function scan(page: Page, code: string): Promise<void> {
  await wedgeScan(page, code, SCANNER_MS);
}

/** An R2000 reader in memory: answers like the module, one inventory round per ~30 ms. */
let reader: R2000Sim | null = null;
class SimReaderLink implements ByteLink {
  onData: (chunk: Uint8Array) => void = () => {};
  onLost: (err: Error | null) => void = () => {};
  readonly sim = new R2000Sim((bytes) => setTimeout(() => this.onData(bytes), 30));
  constructor() {
    reader = this.sim;
  }
  async open(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    this.sim.onHostBytes(bytes);
  }
  async close(): Promise<void> {}
}

test.use({
  serverOptions: {
    devices: {
      linkFactory: (cfg) => (cfg.protocol === 'r2000' ? new SimReaderLink() : makeLink(cfg)),
      listers: {
        serial: async () => [
          { path: '/dev/ttyACM7', vendorId: '0c2e', productId: '0b61', manufacturer: 'Honeywell' },
        ],
        hid: async () => [
          {
            path: '/dev/hidraw3',
            vendorId: 0x0c2e,
            productId: 0x0b87,
            manufacturer: 'Honeywell',
            product: 'Xenon 1950g',
            usagePage: 0x8c,
          },
          {
            path: '/dev/hidraw1',
            vendorId: 0x1eab,
            productId: 0x0d22,
            manufacturer: 'Newland',
            product: 'FM430 Keyboard',
            usagePage: 0x01,
          },
        ],
      },
      testTimeoutMs: 30_000,
    },
  },
});

test('a wedge scan opens the asset card; typing stays typing; devices are found, added and tested', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const [a, b] = await setUpSampleCompany(page);
  const ledger = new LedgerPage(page);
  await ledger.open();

  // A scan with nothing focused: the card opens.
  await page.locator('h1').first().click();
  await scan(page, a!.assetCode);
  await expect(page.getByTestId('asset-detail')).toBeVisible();
  await expect(page.getByTestId('asset-code')).toHaveText(a!.assetCode);
  expect(await page.evaluate(() => location.hash)).toBe(`#/assets/${a!.id}`);

  // A person typing the same characters into the search box: ordinary typing, no card.
  await ledger.open();
  await ledger.search.click();
  await page.keyboard.type(b!.assetCode, { delay: PERSON_MS });
  await page.waitForTimeout(400);
  await expect(ledger.search).toHaveValue(b!.assetCode);
  expect(await page.evaluate(() => location.hash)).toBe('#/assets');
  await expect(ledger.rowWith(b!.assetCode)).toHaveCount(1);

  // A scan into the focused search box: taken back out of the field, and the card opens.
  await ledger.search.fill('');
  await ledger.search.click();
  await scan(page, b!.assetCode);
  await expect(page.getByTestId('asset-code')).toHaveText(b!.assetCode);
  await ledger.open();
  await expect(ledger.search).toHaveValue('');

  // A code nobody knows is said plainly.
  await page.locator('h1').first().click();
  await scan(page, 'NOPE-404-X');
  await expect(page.getByText('没有找到编号为 NOPE-404-X 的资产')).toBeVisible();

  // Devices: HID POS and serial devices found on this PC; a keyboard-mode HID device is explained.
  const devices = new DevicesPage(page);
  await devices.open();
  await expect(devices.discovered.locator('tr', { hasText: '/dev/hidraw3' })).toContainText('HID POS');
  await expect(devices.discovered.locator('tr', { hasText: '/dev/hidraw1' })).toContainText(
    '不是 HID POS 模式',
  );
  await expect(devices.page.getByTestId('device-hints')).toContainText('HID POS');
  await expect(devices.page.getByTestId('device-hints')).toContainText('USB-COM');

  // A keyboard-mode scanner: added, then "scan something now" shows the code and its asset.
  await devices.add({ name: '前台扫码枪', kind: 'scanner', protocol: 'wedge' });
  await expect(devices.test.getByTestId('test-waiting')).toBeVisible();
  await scan(page, a!.assetCode);
  await expect(devices.test.getByTestId('test-code')).toHaveText(a!.assetCode);
  await expect(devices.test.getByTestId('test-resolved')).toContainText(a!.name);
  await page.screenshot({ path: test.info().outputPath('device-test.png') });
  await devices.test.getByRole('button', { name: '关闭' }).last().click();
  await expect(devices.test).toBeHidden();
  // The scan went to the test, not to the asset card.
  expect(await page.evaluate(() => location.hash)).toBe('#/devices');
  await expect(devices.status('前台扫码枪')).toHaveAttribute('data-status', 'idle');

  // The serial scanner found on this PC: added with the proposed settings; its port is not
  // really there, so it keeps trying and says why in plain words and in the system's.
  await devices.addDiscovered('/dev/ttyACM7');
  await devices.test.getByRole('button', { name: '关闭' }).last().click();
  const serial = devices.configured.locator('tr', { hasText: '/dev/ttyACM7' }).getByTestId('device-status');
  await expect(serial).toHaveAttribute('data-status', /reconnecting|error/);
  await expect(serial).toContainText('系统提示');
  await expect(serial.getByTestId('device-hint')).toContainText('设备没有插上或已拔出');
  await page.screenshot({ path: 'docs/screenshots/devices.png', fullPage: true });

  // English is complete on this screen.
  await page.locator('.topbar').getByRole('button', { name: 'English' }).click();
  await expect(devices.screen.getByRole('heading', { name: 'Devices', exact: true })).toBeVisible();
  expect(await devices.screen.innerText()).not.toMatch(/\b(devices|scan|rfid|nav)\.[a-zA-Z]/);
  expect(errors).toEqual([]);
});

test('label designer previews and saves; printing two assets downloads a PDF with their codes', async ({
  page,
}) => {
  const errors = collectErrors(page, { expectedStatus: 409 });
  const [a, b] = await setUpSampleCompany(page);

  const labels = new LabelsPage(page);
  await labels.open();
  const designer = await labels.design(/50×30/);
  await expect(designer.svg).toBeVisible();
  // The sample data is laid out by the core: the QR/Code 128 paths and the asset name are there.
  await expect(designer.svg).toContainText('联想笔记本电脑');
  await expect(designer.svg.locator('path').first()).toBeAttached();
  await designer.addText('固定资产 请勿撕毁');
  await expect(designer.svg).toContainText('固定资产 请勿撕毁');
  // Dragged below the department line on the preview (12.4 px per mm at this size).
  const before = await designer.position();
  await designer.dragSelected(0, 13.7 * 12.4);
  await expect.poll(async () => (await designer.position()).y).toBeGreaterThan(before.y + 12);
  expect((await designer.position()).x).toBeCloseTo(before.x, 0);
  await designer.save();
  await expect(designer.version).toContainText('第 2 版');
  await page.screenshot({ path: 'docs/screenshots/label-designer.png', fullPage: true });

  // Someone else saves the template meanwhile: this save is refused and says so.
  const id = Number((await page.evaluate(() => location.hash)).split('/').pop());
  await api(page, 'labels.templates.update', { id, version: 2, name: '热敏 50×30 mm（仓库）' });
  await designer.addText('第二次修改');
  await designer.save();
  await expect(designer.saveError).toContainText('别人在你打开之后保存过');
  await designer.saveError.getByRole('button').click();
  await expect(designer.version).toContainText('第 3 版');
  await expect(designer.svg).not.toContainText('第二次修改');

  // Print the two assets from the ledger selection as a PDF.
  const ledger = new LedgerPage(page);
  await ledger.open();
  await ledger.search.fill('');
  for (const asset of [a!, b!]) {
    await ledger.table.locator(`[role=row][data-key="${asset.id}"] input[type=checkbox]`).check();
  }
  await page.getByTestId('print-labels').click();
  const print = new PrintDialog(page);
  await expect(print.root).toBeVisible();
  await print.output('pdf');
  const file = await print.runAndDownload();
  expect(file.name).toMatch(/\.pdf$/);
  const bytes = readFileSync(file.path);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

  // Rasterise the PDF and decode every code back to the asset codes.
  const dir = mkdtempSync(join(tmpdir(), 'fams-pdf-'));
  try {
    execFileSync('pdftoppm', ['-r', '300', '-png', file.path, join(dir, 'p')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBe(2);
    let decoded = '';
    for (const png of pngs) {
      decoded += execFileSync('zbarimg', ['-q', '--raw', join(dir, png)], { encoding: 'utf8' });
    }
    expect(decoded).toContain(a!.assetCode);
    expect(decoded).toContain(b!.assetCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.screenshot({ path: test.info().outputPath('print-dialog.png') });

  // The print is in the history and can be reprinted.
  await print.progress.getByTestId('progress-close').click();
  await print.root.getByTestId('print-history-tab').click();
  const history = print.root.getByTestId('print-history');
  await expect(history.locator('tbody tr').first()).toContainText('PDF');
  const again = page.waitForEvent('download');
  await history.getByTestId('reprint').first().click();
  expect((await again).suggestedFilename()).toMatch(/\.pdf$/);
  await print.progress.getByTestId('progress-close').click();
  await print.root.getByRole('button', { name: '关闭' }).last().click();

  // A ZPL printer on the network (a simulator on loopback TCP 9100-style).
  const printer = new PrinterSim('zpl');
  const port = await printer.start();
  try {
    const devices = new DevicesPage(page);
    await devices.open();
    await page.getByTestId('add-device').click();
    await devices.dialog.locator('#dev-name').fill('仓库斑马打印机');
    await devices.dialog.locator('#dev-kind').selectOption('printer');
    await devices.dialog.locator('#dev-protocol').selectOption('zpl');
    await devices.dialog.locator('#dev-transport').selectOption('tcp');
    await devices.dialog.locator('#dev-host').fill('127.0.0.1');
    await devices.dialog.locator('#dev-port').fill(String(port));
    await devices.save();

    await ledger.open();
    await page.getByTestId('print-labels').click();
    await print.root
      .getByTestId('print-printer')
      .selectOption({ label: `仓库斑马打印机 (ZPL · 127.0.0.1:${port})` });
    await expect(print.root.getByTestId('print-output').locator('input[value=zpl]')).toBeChecked();
    await print.root.getByTestId('print-run').click();
    await expect(print.progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'done');
    await expect.poll(() => printer.printed.length).toBe(2);
    const fields = printer.printed.flatMap((l) => zplFields(l.text));
    expect(fields).toContain(a!.assetCode);
    expect(fields).toContain(b!.assetCode);
    await print.progress.getByTestId('progress-close').click();

    // Out of paper: the job fails and the printer's own words are shown.
    printer.world.paperOut = true;
    await print.root.getByTestId('print-run').click();
    await expect(print.progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'failed');
    await print.progress.getByTestId('progress-close').click();
    await expect(print.root.getByTestId('printer-problems')).toContainText('缺纸');
    expect(printer.printed.length).toBe(2);
  } finally {
    await printer.stop();
  }
  expect(errors).toEqual([]);
});

test('RFID sweep: live de-duplicated tags resolved to assets; an unknown tag is bound', async ({ page }) => {
  const errors = collectErrors(page);
  const [a, b] = await setUpSampleCompany(page);
  const unknownEpc = 'E28011700000020A1B2C3D4E';

  const devices = new DevicesPage(page);
  await devices.open();
  await page.getByTestId('add-device').click();
  await devices.dialog.locator('#dev-name').fill('仓库读写器');
  await devices.dialog.locator('#dev-kind').selectOption('rfid');
  await devices.dialog.locator('#dev-protocol').selectOption('r2000');
  await devices.dialog.locator('#dev-path').fill('/dev/ttyUSB0');
  await devices.save();
  // The test asks the reader who it is.
  await expect(devices.test.getByTestId('test-result')).toContainText('读写器已应答');
  await devices.test.getByRole('button', { name: '关闭' }).last().click();
  await expect(devices.status('仓库读写器')).toHaveAttribute('data-status', 'connected');
  expect(reader).not.toBeNull();
  reader!.field = [
    { epc: encodeAsciiEpc(a!.assetCode), rssiDbm: -48 },
    { epc: unknownEpc, rssiDbm: -71 },
  ];

  await goHash(page, '#/rfid');
  const screen = page.getByTestId('rfid-screen');
  await screen.getByTestId('rfid-start').click();
  const tags = screen.getByTestId('rfid-tags');
  // Each tag is read many times, listed once, with a growing count.
  await expect(screen.getByTestId('rfid-unique')).toHaveText('2');
  const known = tags.locator(`tr[data-epc="${encodeAsciiEpc(a!.assetCode)}"]`);
  await expect(known).toContainText(a!.assetCode);
  await expect.poll(async () => Number(await known.locator('td.num').innerText())).toBeGreaterThan(3);
  const unknown = tags.locator(`tr[data-epc="${unknownEpc}"]`);
  await expect(unknown).toContainText('未知');
  await page.screenshot({ path: 'docs/screenshots/rfid.png' });
  // Still on the sweep: the tags did not open asset cards.
  expect(await page.evaluate(() => location.hash)).toBe('#/rfid');

  // Bind the unknown tag to asset b, found by searching its code.
  await unknown.getByTestId('bind-tag').click();
  const dialog = page.getByTestId('asset-pick-dialog');
  await dialog.locator('#pick-asset').click();
  await dialog.locator('#pick-asset').fill(b!.assetCode);
  await dialog.getByRole('option').filter({ hasText: b!.assetCode }).first().locator('button').click();
  await dialog.getByTestId('dialog-save').click();
  await expect(dialog).toBeHidden();
  await expect(unknown).toContainText(b!.assetCode);
  await screen.getByTestId('rfid-stop').click();
  await expect(screen.getByTestId('rfid-start')).toBeVisible();

  // The binding is real: the next sweep resolves the tag by itself.
  await screen.getByTestId('rfid-start').click();
  await expect(tags.locator(`tr[data-epc="${unknownEpc}"]`)).toContainText(b!.assetCode);
  await screen.getByTestId('rfid-stop').click();
  expect(errors).toEqual([]);
});
