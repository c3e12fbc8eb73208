// Page object for the ledger list (#/assets).
import { expect, type Locator, type Page } from '@playwright/test';

export class LedgerPage {
  readonly table: Locator;
  readonly search: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('ledger-table');
    this.search = page.getByTestId('ledger-search');
    this.total = page.getByTestId('ledger-total');
  }

  async open(): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/assets'));
    await expect(this.table).toBeVisible();
  }

  /** Loaded rows in view (the table renders only a window of rows). */
  get rows(): Locator {
    return this.table.locator('[role=row][data-key]');
  }

  rowWith(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async openRow(text: string): Promise<void> {
    await this.rowWith(text).first().click();
    await expect(this.page.getByTestId('asset-detail')).toBeVisible();
  }

  async newAsset(): Promise<void> {
    await this.page.getByTestId('new-asset').click();
    await expect(this.page.getByTestId('asset-form')).toBeVisible();
  }
}
