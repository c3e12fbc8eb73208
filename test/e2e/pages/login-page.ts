// Page object for the sign-in screen.
import { expect, type Locator, type Page } from '@playwright/test';

export class LoginPage {
  readonly form: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('login-form');
    this.error = page.getByTestId('login-error');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.form).toBeVisible();
  }

  async attempt(username: string, password: string): Promise<void> {
    await this.page.locator('#login-username').fill(username);
    await this.page.locator('#login-password').fill(password);
    await this.form.locator('button[type=submit]').click();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.open();
    await this.attempt(username, password);
    await expect(this.page.locator('.topbar')).toBeVisible();
  }

  async signOut(): Promise<void> {
    await this.page
      .locator('.topbar')
      .getByRole('button', { name: /退出登录|Sign out/ })
      .click();
    await expect(this.form).toBeVisible();
  }
}
