// Page object for the backup screen (#/backup).
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class BackupPage {
  readonly screen: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('backup-screen');
    this.rows = page.getByTestId('backup-row');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/backup');
    await expect(this.screen).toBeVisible();
  }

  /** Backs up now with a note and waits for the job to finish. */
  async backUpNow(note: string): Promise<void> {
    await this.screen.getByTestId('backup-note').fill(note);
    await this.screen.getByTestId('backup-now').click();
    const progress = this.page.getByTestId('backup-progress');
    await expect(progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    await progress.getByTestId('progress-close').click();
  }

  rowWith(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
}
