// Page objects for one asset: the detail card (#/assets/:id) and the form (new / edit).
import { expect, type Locator, type Page } from '@playwright/test';

export interface AssetFormValues {
  name?: string;
  /** Part of the category's name or path, picked in the TreeSelect. */
  category?: string;
  location?: string;
  model?: string;
  serialNo?: string;
  /** In 元, as typed. */
  cost?: string;
  inServiceDate?: string;
  notes?: string;
}

async function pickTree(page: Page, testId: string, name: string) {
  const select = page.getByTestId(testId);
  await select.locator('button.trigger').click();
  await select.locator('input.search').fill(name);
  await select.getByRole('option').filter({ hasText: name }).first().locator('button').click();
}

export class AssetFormPage {
  readonly form: Locator;
  readonly conflict: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('asset-form');
    this.conflict = page.getByTestId('conflict-dialog');
  }

  async fill(v: AssetFormValues): Promise<void> {
    if (v.name !== undefined) await this.page.locator('#f-name').fill(v.name);
    if (v.category) await pickTree(this.page, 'f-category', v.category);
    if (v.location) await pickTree(this.page, 'f-location', v.location);
    if (v.model !== undefined) await this.page.locator('#f-model').fill(v.model);
    if (v.serialNo !== undefined) await this.page.locator('#f-serialNo').fill(v.serialNo);
    if (v.cost !== undefined) await this.page.locator('#f-cost').fill(v.cost);
    if (v.inServiceDate !== undefined) await this.page.locator('#f-inServiceDate').fill(v.inServiceDate);
    if (v.notes !== undefined) await this.page.locator('#f-notes').fill(v.notes);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('save-asset').click();
  }

  /** Saves and waits for the detail card. */
  async save(): Promise<AssetDetailPage> {
    await this.submit();
    const detail = new AssetDetailPage(this.page);
    await expect(detail.card).toBeVisible();
    return detail;
  }
}

export class AssetDetailPage {
  readonly card: Locator;
  readonly code: Locator;
  readonly name: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId('asset-detail');
    this.code = page.getByTestId('asset-code');
    this.name = page.getByTestId('asset-name');
    this.history = page.getByTestId('asset-history');
  }

  field(name: string): Locator {
    return this.card.locator(`dd[data-field="${name}"]`);
  }

  /** The asset id from the address bar. */
  async id(): Promise<number> {
    const m = /#\/assets\/(\d+)/.exec(this.page.url());
    if (!m) throw new Error(`not on an asset page: ${this.page.url()}`);
    return Number(m[1]);
  }

  async edit(): Promise<AssetFormPage> {
    await this.page.getByTestId('edit-asset').click();
    const form = new AssetFormPage(this.page);
    await expect(form.form).toBeVisible();
    await expect(this.page.locator('#f-name')).not.toHaveValue('');
    return form;
  }
}
