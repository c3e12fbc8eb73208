// Page objects for the lifecycle documents a clerk or asset manager works through in the story:
// 验收入库 (#/inbound), 借用 (#/loans), 报修 (#/repairs) and 处置 (#/disposals).
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash, pickTreeNode } from './dialogs';
import { wedgeScan } from './devices-page';

/** Types into an EntitySelect and picks the option showing `text`. */
export async function pickEntity(scope: Locator, testId: string, query: string, text = query): Promise<void> {
  const box = scope.getByTestId(testId);
  await box.locator('input').fill(query);
  await box.getByRole('option').filter({ hasText: text }).first().locator('button').click();
}

export class InboundPage {
  readonly screen: Locator;
  constructor(readonly page: Page) {
    this.screen = page.getByTestId('inbound-screen');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/inbound');
    await expect(this.screen).toBeVisible();
  }

  /**
   * Receives `quantity` of the order's first open line: the serial numbers scanned with a keyboard-wedge
   * burst into the acceptance session, labels on `printer`. Returns the new assets' codes.
   */
  async receive(v: {
    order: string;
    quantity: number;
    serials: string[];
    location: string;
    custodian: string;
    inServiceDate: string;
    printer: string;
    /** Called with the form filled in, before receiving (a screenshot). */
    beforeReceive?: () => Promise<unknown>;
  }): Promise<string[]> {
    const select = this.screen.getByTestId('inbound-order');
    const label = await select.locator('option', { hasText: v.order }).first().innerText();
    await select.selectOption({ label });
    const lines = this.screen.getByTestId('inbound-lines');
    await expect(lines).toBeVisible();
    await lines.getByTestId('inbound-qty').fill(String(v.quantity));
    await pickTreeNode(lines, 'inbound-location', v.location);
    await pickEntity(lines, 'inbound-custodian', v.custodian);
    await lines.getByTestId('inbound-in-service').fill(v.inServiceDate);
    await lines.getByTestId('inbound-scan-here').click();
    await expect(this.screen.getByTestId('inbound-scanning')).toBeVisible();
    for (const s of v.serials) await wedgeScan(this.page, s);
    await expect(lines.getByTestId('inbound-serials')).toHaveValue(v.serials.join('\n'));
    await this.screen.getByTestId('inbound-printer').selectOption({ label: v.printer });
    await v.beforeReceive?.();
    await this.screen.getByTestId('inbound-receive').click();
    const result = this.screen.getByTestId('inbound-result');
    await expect(result.locator('li')).toHaveCount(v.quantity);
    return (await result.locator('li a').allInnerTexts()).map((s) => s.trim());
  }
}

export class LoansPage {
  readonly screen: Locator;
  readonly table: Locator;
  constructor(readonly page: Page) {
    this.screen = page.getByTestId('loans-screen');
    this.table = page.getByTestId('loans-table');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/loans');
    await expect(this.screen).toBeVisible();
  }

  async lend(assetCode: string, borrower: string, dueDate: string): Promise<void> {
    await this.screen.getByTestId('loan-new').click();
    const form = this.screen.getByTestId('loan-form');
    await pickEntity(form, 'loan-asset', assetCode);
    await pickEntity(form, 'loan-borrower', borrower);
    await form.locator('input[type=date]').fill(dueDate);
    await form.locator('button.primary').click();
    await expect(form).toBeHidden();
  }

  row(assetCode: string): Locator {
    return this.table.locator('tr[data-number]', { hasText: assetCode });
  }

  async giveBack(assetCode: string, returnedAt: string): Promise<void> {
    await this.row(assetCode).getByTestId('loan-return').click();
    const form = this.table.locator('tr.return-row form');
    await form.locator('input[type=date]').fill(returnedAt);
    await form.locator('button.primary').click();
    await expect(this.row(assetCode)).toHaveCount(0);
  }
}

export class RepairsPage {
  readonly screen: Locator;
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.screen = page.getByTestId('repairs-screen');
    this.dialog = page.getByTestId('repair-dialog');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/repairs');
    await expect(this.screen).toBeVisible();
  }

  async report(assetCode: string, fault: string): Promise<void> {
    await this.screen.getByTestId('repair-new').click();
    const d = this.page.getByTestId('repair-report-dialog');
    await pickEntity(d, 'repair-asset', assetCode);
    await d.locator('#rp-fault').fill(fault);
    await d.getByTestId('dialog-save').click();
    await expect(d).toBeHidden();
  }

  row(assetCode: string): Locator {
    return this.screen.getByTestId('repairs-table').locator('tr[data-number]', { hasText: assetCode });
  }

  async openOrder(assetCode: string): Promise<void> {
    await this.row(assetCode).first().locator('button.link').click();
    await expect(this.dialog).toBeVisible();
  }

  /** Moves the open order to `status` (saving what the form holds with it). */
  async to(status: string): Promise<void> {
    await this.dialog.getByTestId(`repair-to-${status}`).click();
    await expect(this.dialog.locator('.steps li.current')).toBeVisible();
    await expect(this.dialog.getByTestId(`repair-to-${status}`)).toHaveCount(0);
  }
}

export class DisposalsPage {
  readonly screen: Locator;
  readonly doc: Locator;
  constructor(readonly page: Page) {
    this.screen = page.getByTestId('disposals-screen');
    this.doc = page.getByTestId('disposal-screen');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/disposals');
    await expect(this.screen).toBeVisible();
  }

  /** Requests a disposal and returns its number (the document opens). */
  async request(v: { assetCode: string; kind: string; date: string; proceeds: string; reason: string }) {
    await this.screen.getByTestId('disposal-new').click();
    const d = this.page.getByTestId('disposal-dialog');
    await pickEntity(d, 'disposal-asset', v.assetCode);
    await d.locator('#dp-kind').selectOption(v.kind);
    await d.locator('#dp-date').fill(v.date);
    await d.locator('#dp-proceeds').fill(v.proceeds);
    await d.locator('#dp-reason').fill(v.reason);
    await d.getByTestId('dialog-save').click();
    await expect(this.doc).toHaveAttribute('data-status', 'pending');
    return (await this.doc.locator('h1').innerText()).trim().split(/\s+/)[0]!;
  }
}
