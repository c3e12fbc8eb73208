// Page object for the first-run setup screen.
import { expect, type Locator, type Page } from '@playwright/test';

export interface SetupValues {
  company: string;
  standard?: 'cas' | 'sbe';
  /** YYYY-MM */
  firstPeriod?: string;
  password: string;
  confirm?: string;
  locale?: 'zh-CN' | 'en';
  sampleCompany?: boolean;
}

export class SetupPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('setup-form');
  }

  async expectShown(): Promise<void> {
    await expect(this.form).toBeVisible();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('FAMS');
  }

  async fill(v: SetupValues): Promise<void> {
    await this.page.locator('#setup-company').fill(v.company);
    if (v.standard) await this.form.locator(`input[name=std][value=${v.standard}]`).check();
    if (v.firstPeriod) await this.page.locator('#setup-period').fill(v.firstPeriod);
    await this.page.locator('#setup-password').fill(v.password);
    await this.page.locator('#setup-confirm').fill(v.confirm ?? v.password);
    if (v.locale) await this.page.locator('#setup-locale').selectOption(v.locale);
    if (v.sampleCompany) await this.page.locator('#setup-sample').check();
  }

  /** Submits and waits for the signed-in app (the sample company may take a few seconds). */
  async submit(): Promise<void> {
    await this.form.locator('button[type=submit]').click();
    await expect(this.page.locator('.topbar')).toBeVisible({ timeout: 60_000 });
  }

  /** Opens the app on a fresh data folder and completes the first-run setup, signed in as admin. */
  async completeFirstRun(v: SetupValues): Promise<void> {
    await this.page.goto('/');
    await this.fill(v);
    await this.submit();
  }

  fieldError(inputId: string): Locator {
    return this.page.locator(`#${inputId}`).locator('xpath=..').locator('.field-error');
  }
}
