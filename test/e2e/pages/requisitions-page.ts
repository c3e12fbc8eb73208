// Page object for requisitions (申购) and the purchase order made from one.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash, pickTreeNode } from './dialogs';

export interface RequisitionLine {
  category: string;
  spec: string;
  quantity: number;
  /** In 元 as typed, e.g. '6500.00'. */
  unitPrice: string;
  reason?: string;
  neededBy?: string;
}

/** The stories' request: two ThinkPads at ¥6,500 for two new engineers (a ¥13,000 requisition). */
export const NEW_HIRE_LAPTOPS_TITLE = '研发新人笔记本';
export function newHireLaptops(neededBy: string): RequisitionLine {
  return {
    category: '笔记本电脑',
    spec: 'ThinkPad T14 Gen5 32G/1T',
    quantity: 2,
    unitPrice: '6500',
    reason: '两名新入职工程师',
    neededBy,
  };
}

export class RequisitionsPage {
  readonly screen: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('requisition-screen');
    this.status = page.getByTestId('req-status');
  }

  async openNew(): Promise<void> {
    await goHash(this.page, '#/requisitions');
    await this.page.getByTestId('req-new').click();
    await expect(this.screen).toHaveAttribute('data-status', 'new');
  }

  async fill(title: string, lines: RequisitionLine[]): Promise<void> {
    await this.page.getByTestId('req-title').fill(title);
    for (const [i, l] of lines.entries()) {
      const n = i + 1;
      if (i > 0) await this.page.getByTestId('line-add').click();
      await pickTreeNode(this.screen, `line-category-${n}`, l.category);
      await this.page.getByTestId(`line-spec-${n}`).fill(l.spec);
      await this.page.getByTestId(`line-qty-${n}`).fill(String(l.quantity));
      await this.screen.locator(`input[name=line-price-${n}]`).fill(l.unitPrice);
      if (l.reason) await this.page.getByTestId(`line-reason-${n}`).fill(l.reason);
      if (l.neededBy) await this.page.getByTestId(`line-needed-${n}`).fill(l.neededBy);
    }
  }

  /** Submits and returns the requisition number once it is pending. */
  async submit(): Promise<string> {
    await this.page.getByTestId('req-submit').click();
    await expect(this.status).toHaveAttribute('class', /warn/);
    await expect(this.screen).toHaveAttribute('data-status', 'pending');
    const h1 = (await this.screen.locator('h1').innerText()).trim();
    return h1.split(/\s+/)[0]!;
  }

  async openByNumber(number: string): Promise<void> {
    await goHash(this.page, '#/requisitions');
    await this.page.getByTestId('req-table').locator(`tr[data-number="${number}"] a`).first().click();
    await expect(this.screen.locator('h1')).toContainText(number);
  }

  /** The sentence saying where the document waits (from the approval panel). */
  waiting(): Locator {
    return this.page.getByTestId('approval-waiting');
  }

  /** Orders every remaining line from a supplier; returns the new order's number. */
  async createPurchaseOrder(supplier: string, prices: Record<number, string> = {}): Promise<string> {
    await this.page.getByTestId('po-create').click();
    const dialog = this.page.getByTestId('po-create-dialog');
    await dialog.getByTestId('po-supplier').locator('input').fill(supplier);
    await dialog
      .getByTestId('po-supplier')
      .getByRole('option')
      .filter({ hasText: supplier })
      .first()
      .locator('button')
      .click();
    for (const [lineNo, price] of Object.entries(prices)) {
      await dialog.locator(`input[name=po-price-${lineNo}]`).fill(price);
    }
    await dialog.getByTestId('dialog-save').click();
    const detail = this.page.getByTestId('po-detail');
    await expect(detail.getByTestId('po-status')).toBeVisible();
    return (await detail.locator('h1').innerText()).trim().split(/\s+/)[0]!;
  }
}
