// Helpers for the app's modal dialogs in page objects: save and wait until the dialog is gone,
// failing with the form's own error text when it stays open.
import { expect, type Locator, type Page } from '@playwright/test';

export async function saveDialog(dialog: Locator): Promise<void> {
  await dialog.getByTestId('dialog-save').click();
  await expect
    .poll(
      async () => {
        if ((await dialog.count()) === 0) return 'closed';
        const problems = await dialog.locator('.field-error, .banner.error').allInnerTexts();
        return problems.length ? `still open: ${problems.join(' | ')}` : 'saving';
      },
      { message: 'the dialog should save and close' },
    )
    .toBe('closed');
}

/** Picks a node in a TreeSelect by (part of) its name or path. */
export async function pickTreeNode(scope: Locator, testId: string, name: string): Promise<void> {
  const select = scope.getByTestId(testId);
  await select.locator('button.trigger').click();
  await select.locator('input.search').fill(name);
  const option = select.getByRole('option').filter({ hasText: name }).first();
  await option.locator('button').click();
}

/** Changes the hash route without reloading (the session lives in sessionStorage either way). */
export async function goHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}
