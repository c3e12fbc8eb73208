// Page object for 用户与角色 (#/users/:tab): accounts and roles.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash, saveDialog } from './dialogs';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  /** Role keys, e.g. ['clerk']. */
  roles: string[];
  /** Default false here so a test can sign in without the change-password step. */
  mustChangePassword?: boolean;
}

export class UsersPage {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('users-screen');
  }

  async open(tab: 'users' | 'roles' = 'users'): Promise<void> {
    await goHash(this.page, `#/users/${tab}`);
    await expect(this.screen).toBeVisible();
    await expect(this.page.getByTestId(`tab-${tab}`)).toHaveClass(/active/);
  }

  row(username: string): Locator {
    return this.screen.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  roleRow(key: string): Locator {
    return this.screen.locator(`[data-testid="role-row"][data-key="${key}"]`);
  }

  async createUser(u: NewUser): Promise<void> {
    await this.open('users');
    await this.page.getByTestId('user-new').click();
    const d = this.page.getByTestId('user-dialog');
    await d.locator('[name=username]').fill(u.username);
    await d.locator('[name=password]').fill(u.password);
    await d.locator('[name=displayName]').fill(u.displayName);
    for (const r of u.roles) await d.locator(`[data-testid="user-roles"] input[value="${r}"]`).check();
    const must = d.getByLabel(/首次登录时要求修改密码|Require a new password/);
    if (u.mustChangePassword) await must.check();
    else await must.uncheck();
    await saveDialog(d);
    await expect(this.row(u.username)).toBeVisible();
  }

  async deactivateUser(username: string): Promise<void> {
    await this.open('users');
    await this.row(username).getByTestId('row-deactivate').click();
    await this.page.getByTestId('confirm-ok').click();
  }

  async resetPassword(username: string, newPassword: string): Promise<void> {
    await this.open('users');
    await this.row(username).getByTestId('row-reset').click();
    const d = this.page.getByTestId('reset-dialog');
    await d.locator('[name=newPassword]').fill(newPassword);
    await saveDialog(d);
  }

  async createRole(r: { key: string; name: string; permissions: string[] }): Promise<void> {
    await this.open('roles');
    await this.page.getByTestId('role-new').click();
    const d = this.page.getByTestId('role-dialog');
    await d.locator('[name=key]').fill(r.key);
    await d.locator('[name=name]').fill(r.name);
    for (const p of r.permissions)
      await d.locator(`[data-testid="role-permissions"] input[value="${p}"]`).check();
    await saveDialog(d);
    await expect(this.roleRow(r.key)).toBeVisible();
  }
}
