// Page object for the change vouchers screen (#/changes): raising a voucher and deciding one.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export interface NewVoucher {
  /** Part of the asset's name or code, typed into the picker. */
  asset: string;
  kind: 'cost' | 'residual' | 'life' | 'method' | 'category' | 'expense_department' | 'impairment';
  /** For kind 'life'. */
  lifeMonths?: number;
  /** For kind 'cost' / 'impairment': 元 as typed. */
  amount?: string;
  reason: string;
}

export class ChangesPage {
  readonly screen: Locator;
  readonly table: Locator;
  readonly createDialog: Locator;
  readonly decisionDialog: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('changes-screen');
    this.table = page.getByTestId('changes-table');
    this.createDialog = page.getByTestId('change-dialog');
    this.decisionDialog = page.getByTestId('decision-dialog');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/changes');
    await expect(this.screen).toBeVisible();
  }

  get rows(): Locator {
    return this.table.locator('tbody tr[data-number]');
  }

  row(number: string): Locator {
    return this.table.locator(`tr[data-number="${number}"]`);
  }

  /** Raises a voucher; returns its number from the new first row. */
  async create(v: NewVoucher): Promise<string> {
    await this.screen.getByTestId('change-new').click();
    await expect(this.createDialog).toBeVisible();
    const picker = this.createDialog.getByTestId('cv-asset');
    await picker.locator('input').fill(v.asset);
    await picker.getByRole('option').filter({ hasText: v.asset }).first().locator('button').click();
    await expect(this.createDialog.getByTestId('cv-current')).toBeVisible();
    await this.createDialog.locator('#cv-kind').selectOption(v.kind);
    if (v.kind === 'life') await this.createDialog.locator('#cv-life').fill(String(v.lifeMonths));
    if (v.kind === 'cost') await this.createDialog.locator('#cv-cost').fill(v.amount ?? '');
    if (v.kind === 'impairment') await this.createDialog.locator('#cv-recoverable').fill(v.amount ?? '');
    await this.createDialog.locator('#cv-reason').fill(v.reason);
    await this.createDialog.getByTestId('dialog-save').click();
    await expect(this.createDialog).toBeHidden();
    const first = this.rows.first();
    await expect(first).toBeVisible();
    return (await first.getAttribute('data-number')) ?? '';
  }

  async decide(number: string, approve: boolean, comment?: string): Promise<void> {
    await this.row(number).getByTestId('change-decide').click();
    await expect(this.decisionDialog).toBeVisible();
    if (comment) await this.decisionDialog.locator('#cv-comment').fill(comment);
    await this.decisionDialog.getByTestId(approve ? 'change-approve' : 'change-reject').click();
    await expect(this.decisionDialog).toBeHidden();
  }
}
