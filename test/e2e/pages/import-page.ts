// Page object for the import wizard (#/import).
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class ImportPage {
  readonly screen: Locator;
  readonly preview: Locator;
  readonly problems: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('import-screen');
    this.preview = page.getByTestId('import-preview');
    this.problems = page.getByTestId('import-problems');
    this.result = page.getByTestId('import-result');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/import');
    await expect(this.screen).toBeVisible();
  }

  /** Picks a file and waits for its preview. */
  async choose(name: string, buffer: Buffer): Promise<void> {
    const mimeType = name.endsWith('.csv')
      ? 'text/csv'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await this.screen.getByTestId('import-file').setInputFiles({ name, mimeType, buffer });
    await expect(this.preview).toBeVisible();
  }

  count(kind: 'insert' | 'update' | 'skip' | 'error'): Locator {
    return this.preview.getByTestId(`count-${kind}`);
  }

  /** The problems table's rows as the text of their cells. */
  async problemRows(): Promise<string[][]> {
    const rows = this.problems.locator('[role=row][data-key]');
    await expect(rows.first()).toBeVisible();
    const out: string[][] = [];
    for (const r of await rows.all())
      out.push((await r.locator('[role=gridcell]').allInnerTexts()).map((s) => s.trim()));
    return out;
  }

  /** What to import: assets or one of the settings dictionaries. */
  async chooseKind(kind: string): Promise<void> {
    await this.screen.getByTestId('import-kind').selectOption(kind);
  }

  /** Points a column (by letter) at a field and applies the mapping; the preview is rebuilt. */
  async mapColumn(letter: string, field: string): Promise<void> {
    await this.page.getByTestId(`map-${letter}`).selectOption(field);
    await this.page.getByTestId('apply-mapping').click();
    await expect(this.screen.getByTestId('import-busy')).toBeHidden();
    await expect(this.page.getByTestId(`map-${letter}`)).toHaveValue(field);
  }

  async skipErrorsAndCommit(): Promise<void> {
    await this.page.getByTestId('skip-errors').check();
    await this.commit();
  }

  async commit(): Promise<void> {
    await this.page.getByTestId('import-commit').click();
    const progress = this.page.getByTestId('import-progress');
    await expect(progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    await progress.getByTestId('progress-close').click();
    await expect(this.result).toBeVisible();
  }
}
