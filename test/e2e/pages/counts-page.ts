// Page object for the count screens: the plans list (#/counts) with its create dialog, and one count
// (#/counts/:id): start, pick the room, scan, finish, reconcile, post, download the report.
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { goHash, pickTreeNode, saveDialog } from './dialogs';

export class CountsPage {
  readonly list: Locator;
  readonly session: Locator;
  readonly createDialog: Locator;
  readonly resolveDialog: Locator;
  readonly surplusDialog: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('counts-screen');
    this.session = page.getByTestId('count-session');
    this.createDialog = page.getByTestId('count-create-dialog');
    this.resolveDialog = page.getByTestId('resolve-dialog');
    this.surplusDialog = page.getByTestId('surplus-dialog');
    // Start, finish and post ask for confirmation.
    page.on('dialog', (d) => void d.accept());
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/counts');
    await expect(this.list).toBeVisible();
  }

  async openCount(id: number): Promise<void> {
    await goHash(this.page, `#/counts/${id}`);
    await expect(this.session.getByTestId('count-status')).toBeVisible();
  }

  /** Plans a count over the given locations; returns its id (from the URL it opens). */
  async create(v: {
    name: string;
    locations: string[];
    blind?: boolean;
    screenshot?: string;
  }): Promise<number> {
    await this.list.getByTestId('count-create').click();
    await this.createDialog.locator('#count-name').fill(v.name);
    for (const l of v.locations) await pickTreeNode(this.createDialog, 'scope-locations-pick', l);
    if (v.blind) await this.createDialog.getByTestId('count-blind').check();
    if (v.screenshot) await this.page.screenshot({ path: v.screenshot });
    await saveDialog(this.createDialog);
    await expect(this.session).toBeVisible();
    return Number(/#\/counts\/(\d+)/.exec(this.page.url())![1]);
  }

  status(): Locator {
    return this.session.getByTestId('count-status');
  }

  async start(): Promise<void> {
    await this.session.getByTestId('count-start').click();
    await expect(this.status()).toHaveAttribute('data-status', 'in_progress');
  }

  async pickRoom(name: string): Promise<void> {
    await pickTreeNode(this.session, 'count-room', name);
    await expect(this.session.getByTestId('current-room')).toContainText(name);
  }

  /** Types a code into the scan field as a scanner would and waits for its outcome. */
  async scan(code: string): Promise<Locator> {
    const field = this.session.getByTestId('count-scan');
    await field.click();
    // As a scanner sends it: capitals with Shift (the scan field reads physical keys and the Shift state).
    for (const ch of code) await field.press(/[A-Z]/.test(ch) ? `Shift+Key${ch}` : ch);
    await field.press('Enter');
    const result = this.session.getByTestId('scan-result');
    await expect(result).toContainText(code.length > 30 ? code.slice(0, 30) : code);
    return result;
  }

  async finish(): Promise<void> {
    await this.session.getByTestId('count-finish').click();
    await expect(this.status()).toHaveAttribute('data-status', 'finished');
  }

  differenceRows(): Locator {
    return this.session.getByTestId('difference-table').locator('.row:not(.placeholder)');
  }

  row(text: string): Locator {
    return this.differenceRows().filter({ hasText: text });
  }

  async filterResult(value: string): Promise<void> {
    await this.session.getByTestId('result-filter').selectOption(value);
  }

  /** Opens the resolve dialog on the row containing `text` and saves the given resolution. */
  async resolve(
    text: string,
    resolution: string,
    extra: { note?: string; category?: string } = {},
  ): Promise<void> {
    await this.row(text).getByTestId('resolve').click();
    await expect(this.resolveDialog).toBeVisible();
    await this.resolveDialog.getByTestId('resolution').selectOption(resolution);
    if (extra.category) await pickTreeNode(this.resolveDialog, 'resolve-category', extra.category);
    if (extra.note) await this.resolveDialog.getByTestId('resolve-note').fill(extra.note);
    // The dialog stays in the page (closed): wait until it is hidden, failing on its own error text.
    await this.resolveDialog.getByTestId('dialog-save').click();
    await expect(this.resolveDialog.locator('.banner.error, .field-error')).toHaveCount(0);
    await expect(this.resolveDialog).toBeHidden();
  }

  async post(): Promise<void> {
    await this.session.getByTestId('count-post').click();
    await expect(this.status()).toHaveAttribute('data-status', 'posted');
  }

  async downloadReport(format: 'pdf' | 'xlsx'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.session.getByTestId(`report-${format}`).click();
    return download;
  }
}
