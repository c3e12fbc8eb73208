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

  /** "While I'm away" on the inbox screen: a delegation to the named person for today. */
  async delegateWhileAway(toName: string, note = ''): Promise<void> {
    await this.page.getByTestId('delegation-new').click();
    const dialog = this.page.getByTestId('delegation-dialog');
    const input = dialog.getByTestId('delegation-to').locator('input');
    await input.click();
    await input.fill(toName);
    await dialog.getByTestId('delegation-to').getByRole('option').filter({ hasText: toName }).click();
    if (note) await dialog.locator('#dg-note').fill(note);
    await dialog.getByTestId('dialog-save').click();
    await expect(dialog).toBeHidden();
  }

  delegations(): Locator {
    return this.page.getByTestId('delegations').getByTestId('delegation-row');
  }
}

/** Page object for the approval flow settings (审批流程设置) and its editor dialog. */
export class ApprovalTemplatesPage {
  readonly screen: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('approval-templates');
    this.dialog = page.getByTestId('template-dialog');
  }

  /** From the inbox screen's link, as an admin would. */
  async open(): Promise<void> {
    await new ApprovalsPage(this.page).openInbox();
    await this.page.locator('a[href="#/approvals/templates"]').click();
    await expect(this.screen).toBeVisible();
  }

  async openNew(): Promise<void> {
    await this.screen.getByTestId('template-new').click();
    await expect(this.dialog).toBeVisible();
  }

  row(name: string): Locator {
    return this.screen.locator(`tr[data-name="${name}"]`);
  }

  step(index: number): Locator {
    return this.dialog.getByTestId('tp-step').nth(index);
  }

  async addStep(): Promise<Locator> {
    const before = await this.dialog.getByTestId('tp-step').count();
    await this.dialog.getByTestId('tp-add-step').click();
    return this.step(before);
  }

  /** A step's approver: 'role' with a role label, 'user' with a person's name, or the department head. */
  async setApprover(
    step: Locator,
    approver: { type: 'department_head' } | { type: 'role'; role: string } | { type: 'user'; name: string },
  ): Promise<void> {
    await step.getByTestId('tp-step-type').selectOption(approver.type);
    if (approver.type === 'role')
      await step.getByTestId('tp-step-role').selectOption({ label: approver.role });
    if (approver.type === 'user') {
      const input = step.getByTestId('tp-step-user').locator('input');
      await input.click();
      await input.fill(approver.name);
      await step.getByTestId('tp-step-user').getByRole('option').filter({ hasText: approver.name }).click();
    }
  }

  /** A step's own amount range in 元 (empty: no limit). */
  async setStepAmount(step: Locator, min: string, max = ''): Promise<void> {
    const inputs = step.locator('.step-when input');
    await inputs.nth(0).fill(min);
    await inputs.nth(1).fill(max);
  }
}
