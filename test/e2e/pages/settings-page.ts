// Page object for 基础设置 (#/settings/:tab): tree tables, dialogs, read-only state.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash, pickTreeNode, saveDialog } from './dialogs';

export type SettingsTab =
  | 'categories'
  | 'locations'
  | 'departments'
  | 'custodians'
  | 'suppliers'
  | 'dictionaries'
  | 'company'
  | 'codeRule'
  | 'network';

export interface NewCategory {
  code: string;
  name: string;
  lifeMonths?: number;
  parentName?: string;
  /** Percent, e.g. 5 for 5%. */
  residualRatePct?: number;
  method?: 'straight_line' | 'double_declining' | 'sum_of_years' | 'units_of_production';
  taxClass?: string;
}

export interface NewLocation {
  code: string;
  name: string;
  kind: 'site' | 'building' | 'floor' | 'room';
  parentName?: string;
}

export class SettingsPage {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('settings-screen');
  }

  async open(tab: SettingsTab = 'categories'): Promise<void> {
    await goHash(this.page, `#/settings/${tab}`);
    await expect(this.screen).toBeVisible();
    await expect(this.page.getByTestId(`tab-${tab}`)).toHaveClass(/active/);
  }

  /** A row of the tree on screen (categories, locations, departments) by its code. */
  treeRow(code: string): Locator {
    return this.screen.locator(`[data-testid="tree-row"][data-code="${code}"]`);
  }

  get readOnlyNotice(): Locator {
    return this.page.getByTestId('settings-readonly');
  }

  get listNotice(): Locator {
    return this.page.getByTestId('list-notice');
  }

  async createCategory(c: NewCategory): Promise<void> {
    await this.open('categories');
    await this.page.getByTestId('category-new').click();
    const d = this.page.getByTestId('category-dialog');
    await d.locator('[name=code]').fill(c.code);
    await d.locator('[name=name]').fill(c.name);
    if (c.parentName) await pickTreeNode(d, 'parent-select', c.parentName);
    if (c.lifeMonths !== undefined) await d.locator('[name=lifeMonths]').fill(String(c.lifeMonths));
    if (c.residualRatePct !== undefined)
      await d.locator('[name=residualRate]').fill(String(c.residualRatePct));
    if (c.method) await d.locator('[name=method]').selectOption(c.method);
    if (c.taxClass) await d.locator('[name=taxClass]').selectOption(c.taxClass);
    await saveDialog(d);
    await expect(this.treeRow(c.code)).toBeVisible();
  }

  async createLocation(l: NewLocation): Promise<void> {
    await this.open('locations');
    await this.page.getByTestId('place-new').click();
    const d = this.page.getByTestId('place-dialog');
    await d.locator('[name=code]').fill(l.code);
    await d.locator('[name=name]').fill(l.name);
    if (l.parentName) await pickTreeNode(d, 'parent-select', l.parentName);
    await d.locator('select[name=kind]').selectOption(l.kind);
    await saveDialog(d);
    await expect(this.treeRow(l.code)).toBeVisible();
  }

  async createDepartment(dep: { code: string; name: string; parentName?: string }): Promise<void> {
    await this.open('departments');
    await this.page.getByTestId('place-new').click();
    const d = this.page.getByTestId('place-dialog');
    await d.locator('[name=code]').fill(dep.code);
    await d.locator('[name=name]').fill(dep.name);
    if (dep.parentName) await pickTreeNode(d, 'parent-select', dep.parentName);
    await saveDialog(d);
    await expect(this.treeRow(dep.code)).toBeVisible();
  }

  async createCustodian(c: {
    code: string;
    name: string;
    departmentName?: string;
    phone?: string;
  }): Promise<void> {
    await this.open('custodians');
    await this.page.getByTestId('custodian-new').click();
    const d = this.page.getByTestId('custodian-dialog');
    await d.locator('[name=code]').fill(c.code);
    await d.locator('[name=name]').fill(c.name);
    if (c.departmentName) await pickTreeNode(d, 'departmentId-select', c.departmentName);
    if (c.phone) await d.locator('[name=phone]').fill(c.phone);
    await saveDialog(d);
    await expect(this.screen.locator(`[data-testid="custodian-row"][data-code="${c.code}"]`)).toBeVisible();
  }

  async createSupplier(s: { code: string; name: string; contact?: string; phone?: string }): Promise<void> {
    await this.open('suppliers');
    await this.page.getByTestId('supplier-new').click();
    const d = this.page.getByTestId('supplier-dialog');
    await d.locator('[name=code]').fill(s.code);
    await d.locator('[name=name]').fill(s.name);
    if (s.contact) await d.locator('[name=contact]').fill(s.contact);
    if (s.phone) await d.locator('[name=phone]').fill(s.phone);
    await saveDialog(d);
    await expect(this.screen.locator(`[data-testid="supplier-row"][data-code="${s.code}"]`)).toBeVisible();
  }

  /** Clicks delete on a tree row and confirms; the caller checks the outcome (row gone or listNotice). */
  async deleteTreeRow(code: string): Promise<void> {
    await this.treeRow(code).getByTestId('row-delete').click();
    await this.page.getByTestId('confirm-ok').click();
  }

  async deactivateTreeRow(code: string): Promise<void> {
    await this.treeRow(code).getByTestId('row-deactivate').click();
    await this.page.getByTestId('confirm-ok').click();
    await expect(this.treeRow(code).getByTestId('row-activate')).toBeVisible();
  }

  /** Types a code pattern and returns the live preview the server renders for it. */
  async previewCodeRule(pattern: string): Promise<Locator> {
    await this.open('codeRule');
    await this.page.locator('#code-pattern').fill(pattern);
    return this.page.getByTestId('code-preview');
  }
}
