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

  /** Makes a portable archive and returns its file name once the job is done. */
  async makeArchive(): Promise<string> {
    const panel = this.screen.getByTestId('backup-archive');
    await panel.getByTestId('archive-export').click();
    const text = (await panel.getByTestId('archive-path').textContent({ timeout: 30_000 })) ?? '';
    return /fams-[\d-]+\.famsarchive/.exec(text)?.[0] ?? '';
  }

  /** Downloads the archive just made (a real browser download) and saves it at `to`. */
  async downloadArchive(to: string): Promise<string> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.screen.getByTestId('archive-download').click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/\.famsarchive$/);
    await d.saveAs(to);
    return to;
  }

  /**
   * Picks an archive file and opens it (after the confirmation), which restores it; waits for the
   * job and closes its dialog, which signs the user out (the restored ledger has its own accounts).
   */
  async openArchive(file: string): Promise<void> {
    const panel = this.screen.getByTestId('backup-archive');
    await panel.getByTestId('archive-file').setInputFiles(file);
    await expect(panel.getByTestId('archive-file-name')).toBeVisible();
    await panel.getByTestId('archive-import').click();
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name: /打开并恢复|Open and restore/ })
      .click();
    const progress = this.page.getByTestId('backup-progress');
    await expect(progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'done', {
      timeout: 60_000,
    });
    await expect(this.page.getByTestId('backup-signed-out')).toBeVisible();
    await progress.getByTestId('progress-close').click();
  }

  rowWith(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
}
