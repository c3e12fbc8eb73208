// Page objects for the voucher view (#/vouchers, with its account mapping tab) and the units-of-production
// usage screen (#/usage).
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class VouchersPage {
  readonly screen: Locator;
  readonly view: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('vouchers-screen');
    this.view = page.getByTestId('voucher-view');
    this.progress = page.getByTestId('progress-dialog');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/vouchers');
    await expect(this.screen).toBeVisible();
  }

  async openMapping(): Promise<void> {
    await this.screen.getByTestId('tab-mapping').click();
    await expect(this.page.getByTestId('mapping-form')).toBeVisible();
  }

  /** Chooses the expense account of one department (or category) in the mapping tab and saves. */
  async mapItem(name: string, accountLabel: string): Promise<void> {
    const row = this.page.getByTestId('mapping-form').locator('tr[data-item]', { hasText: name });
    await row.locator('select').selectOption({ label: accountLabel });
    await this.page.getByTestId('mapping-save').click();
  }

  async pickPeriod(period: string): Promise<void> {
    await this.screen.getByTestId('voucher-period').selectOption(period);
  }

  async generate(): Promise<void> {
    await this.screen.getByTestId('voucher-generate').click();
    await expect(this.view).toBeVisible();
  }

  line(accountCode: string): Locator {
    return this.view.locator(`tr[data-account="${accountCode}"]`);
  }

  async toggleAssets(accountCode: string): Promise<Locator> {
    await this.line(accountCode).getByTestId('line-toggle').click();
    return this.view.getByTestId('line-assets');
  }

  /** Exports through the job and returns the browser download. */
  async export(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.screen.getByTestId('voucher-export').click();
    const d = await download;
    await expect(this.progress).toBeHidden();
    return d;
  }
}

export class UsagePage {
  readonly screen: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('usage-screen');
    this.table = page.getByTestId('usage-table');
  }

  async open(period: string): Promise<void> {
    await goHash(this.page, '#/usage');
    await expect(this.screen).toBeVisible();
    await this.screen.getByTestId('usage-period').selectOption(period);
  }

  row(assetCode: string): Locator {
    return this.table.locator(`tr[data-asset="${assetCode}"]`);
  }

  async enterUnits(assetCode: string, units: string): Promise<void> {
    await this.row(assetCode).getByTestId('usage-units-input').fill(units);
  }

  async save(): Promise<void> {
    await this.screen.getByTestId('usage-save').click();
  }
}
