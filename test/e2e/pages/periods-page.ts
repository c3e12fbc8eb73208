// Page object for the periods screen (#/periods): the month list, the run preview, posting through
// the progress dialog, and the close dialog with its movement summary.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class PeriodsPage {
  readonly screen: Locator;
  readonly table: Locator;
  readonly preview: Locator;
  readonly progress: Locator;
  readonly closeDialog: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('periods-screen');
    this.table = page.getByTestId('periods-table');
    this.preview = page.getByTestId('run-preview');
    this.progress = page.getByTestId('progress-dialog');
    this.closeDialog = page.getByTestId('close-dialog');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/periods');
    await expect(this.screen).toBeVisible();
    await expect(this.table.locator('tbody tr[data-period]').first()).toBeVisible();
  }

  row(period: string): Locator {
    return this.table.locator(`tr[data-period="${period}"]`);
  }

  async openPreview(period: string): Promise<void> {
    await this.row(period).getByTestId('period-preview').click();
    await expect(this.preview.getByTestId('preview-total-amount')).toBeVisible();
  }

  /** The charge shown for an asset (by its code) in the preview's per-asset table. */
  charge(assetCode: string): Locator {
    return this.preview.locator(`tr[data-asset="${assetCode}"] td[data-col="charge"]`);
  }

  /** Posts from the list and waits for the job to finish; returns the dialog's final status text. */
  async post(period: string): Promise<string> {
    await this.row(period).getByTestId('period-post').click();
    await expect(this.progress).toBeVisible();
    const status = this.progress.getByTestId('progress-status');
    await expect(status).not.toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    const text = await status.innerText();
    await this.progress.getByTestId('progress-close').click();
    await expect(this.progress).toBeHidden();
    return text;
  }

  async openClose(period: string): Promise<void> {
    await this.row(period).getByTestId('period-close').click();
    await expect(this.closeDialog).toBeVisible();
  }

  async confirmClose(): Promise<void> {
    await this.closeDialog.getByTestId('close-confirm').click();
    await expect(this.closeDialog).toBeHidden();
  }

  async cancelClose(): Promise<void> {
    await this.closeDialog.getByRole('button', { name: /取消|Cancel/ }).click();
    await expect(this.closeDialog).toBeHidden();
  }
}
