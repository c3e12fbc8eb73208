// Page objects for the label templates list, the designer (#/labels/:id) and the print dialog.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class LabelsPage {
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('template-list');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/labels');
    await expect(this.list.locator('tr[data-template]').first()).toBeVisible();
  }

  async design(name: string | RegExp): Promise<LabelDesignerPage> {
    await this.list.locator('tr[data-template]', { hasText: name }).getByTestId('edit-template').click();
    const d = new LabelDesignerPage(this.page);
    await expect(d.root).toBeVisible();
    return d;
  }
}

export class LabelDesignerPage {
  readonly root: Locator;
  readonly preview: Locator;
  readonly props: Locator;
  readonly version: Locator;
  readonly saveError: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('label-designer');
    this.preview = page.getByTestId('label-preview');
    this.props = page.getByTestId('element-props');
    this.version = page.getByTestId('template-version');
    this.saveError = page.getByTestId('save-error');
  }

  /** The preview's SVG (drawn by the core from the same layout that prints). */
  get svg(): Locator {
    return this.preview.locator('svg');
  }

  async addText(text: string): Promise<void> {
    await this.root.getByTestId('add-text').click();
    await this.props.getByTestId('prop-text').fill(text);
  }

  /** Drags the selected element on the preview by (dx, dy) screen pixels. */
  async dragSelected(dx: number, dy: number): Promise<void> {
    const box = await this.preview.locator('.hit.selected').boundingBox();
    if (!box) throw new Error('no selected element on the preview');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 4 });
    await this.page.mouse.up();
  }

  async position(): Promise<{ x: number; y: number }> {
    return {
      x: Number(await this.props.locator('#p-x').inputValue()),
      y: Number(await this.props.locator('#p-y').inputValue()),
    };
  }

  async save(): Promise<void> {
    await this.root.getByTestId('template-save').click();
  }
}

export class PrintDialog {
  readonly root: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('print-dialog');
    this.progress = page.getByTestId('print-progress');
  }

  async output(o: 'pdf' | 'zpl' | 'tspl'): Promise<void> {
    await this.root.getByTestId('print-output').locator(`input[value=${o}]`).check();
  }

  /** Runs the print job and returns the file it downloads. */
  async runAndDownload(): Promise<{ name: string; path: string }> {
    const download = this.page.waitForEvent('download');
    await this.root.getByTestId('print-run').click();
    const d = await download;
    await expect(this.progress.getByTestId('progress-status')).toHaveAttribute('data-status', 'done');
    return { name: d.suggestedFilename(), path: await d.path() };
  }
}
