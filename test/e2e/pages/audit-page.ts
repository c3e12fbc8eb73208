// Page object for 审计日志 (#/audit): filters, chain verification, CSV export.
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class AuditPage {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('audit-screen');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/audit');
    await expect(this.screen).toBeVisible();
  }

  get rows(): Locator {
    return this.screen.getByTestId('audit-row');
  }

  async filterByAction(prefix: string): Promise<void> {
    await this.screen.locator('input[name=action]').fill(prefix);
    await this.screen.getByTestId('audit-filters').locator('button[type=submit]').click();
  }

  /** Runs "verify chain" and returns the verdict banner (data-ok="true" when intact). */
  async verify(): Promise<Locator> {
    await this.screen.getByTestId('audit-verify').click();
    const verdict = this.screen.getByTestId('audit-verdict');
    await expect(verdict).toBeVisible();
    return verdict;
  }

  async exportCsv(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.screen.getByTestId('audit-export').click(),
    ]);
    return download;
  }
}
