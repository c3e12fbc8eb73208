// Smoke: the built app loads from the browser shell and an empty data folder opens on first-run setup.
import { test, expect } from './fixtures/server';

test('an empty data folder opens on the first-run setup screen', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Chromium asks for /favicon.ico on its own; the app declares no icon, so that 404 is not ours.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) {
      errors.push(`${m.text()} ${m.location().url}`);
    }
  });
  await page.goto('/');
  await expect(page).toHaveTitle(/FAMS/);
  await expect(page.locator('#app')).toBeAttached();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('FAMS');
  // Nothing was set up behind the screen's back.
  const status = await page.request.post(`${server.url}/api/system.status`, { data: {} });
  expect(await status.json()).toMatchObject({ ok: true, data: { setupRequired: true } });
  expect(errors).toEqual([]);
});
