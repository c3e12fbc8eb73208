// Page object for the approver's inbox and the approval panel on a document.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class ApprovalsPage {
  readonly badge: Locator;
  readonly inbox: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.badge = page.getByTestId('inbox-badge');
    this.inbox = page.getByTestId('inbox-table');
    this.panel = page.getByTestId('approval-panel');
  }

  /** Through the "业务单据" menu, as a person would. */
  async openInbox(): Promise<void> {
    await this.page.getByTestId('nav-documents').click();
    await this.page.getByTestId('nav-approvals').click();
    await expect(this.page.getByTestId('approvals-screen')).toBeVisible();
  }

  row(number: string): Locator {
    return this.inbox.locator(`tr[data-number="${number}"]`);
  }

  async openDocument(number: string): Promise<void> {
    await this.row(number).getByTestId('inbox-open').click();
    await expect(this.panel).toBeVisible();
  }

  async openDirect(kind: string, id: number): Promise<void> {
    await goHash(this.page, `#/approvals/${kind}/${id}`);
  }

  actButtons(): Locator {
    return this.panel.locator('[data-testid^="act-"]');
  }

  async approve(comment = ''): Promise<void> {
    if (comment) await this.panel.getByTestId('approval-comment').fill(comment);
    await this.panel.getByTestId('act-approve').click();
    await expect(this.panel.getByTestId('approval-act')).toHaveCount(0);
  }

  async rejectWithoutReason(): Promise<void> {
    await this.panel.getByTestId('approval-comment').fill('');
    await this.panel.getByTestId('act-reject').click();
  }

  why(): Locator {
    return this.panel.getByTestId('approval-why');
  }
}
