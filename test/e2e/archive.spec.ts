// Moving to another PC in the browser shell: the admin makes a portable archive on the backup screen
// and downloads it (a real browser download); a second, fresh server (another PC) opens that file
// through its own backup screen (uploaded in pieces), everyone signs in again with the first PC's
// accounts, and the ledger shows the same assets; a third, brand-new one opens it from the first-run
// setup screen, before any account exists there.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, STATIC_DIR } from './fixtures/server';
import { startServer } from '../../src/main/server';
import type { Caller } from '../../src/main/api/session';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import type { Core } from '../../src/main/core';
import { LoginPage } from './pages/login-page';
import { LedgerPage } from './pages/ledger-page';
import { BackupPage } from './pages/backup-page';

const ADMIN_PASSWORD = 'admin-pass-123';
const OTHER_PASSWORD = 'other-pc-pass-456';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

function apiOf(core: Core) {
  return <M extends MethodName>(token: string | null, method: M, input: InputOf<M>): ResultOf<M> => {
    const r = core.dispatch({ token, source: 'desktop' } as Caller, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as ResultOf<M>;
  };
}

test('download a portable archive and open it on a fresh install', async ({ page, browser, server }) => {
  test.setTimeout(180_000);
  const api = apiOf(server.server.core);
  const admin = api(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }).token;
  const leaf = api(admin, 'settings.categories.list', {}).find(
    (c, _i, all) => c.active && !all.some((o) => o.parentId === c.id),
  )!;
  for (const [code, name] of [
    ['MOVE-001', '搬家 台式电脑'],
    ['MOVE-002', '搬家 会议桌'],
    ['MOVE-003', '搬家 投影仪'],
  ])
    api(admin, 'assets.create', { assetCode: code, name, categoryId: leaf.id, cost: 120_000 });

  // PC 1: make the archive on the backup screen and download it.
  await new LoginPage(page).signIn('admin', ADMIN_PASSWORD);
  const backup = new BackupPage(page);
  await backup.open();
  const made = await backup.makeArchive();
  expect(made).toMatch(/\.famsarchive$/);
  const saveDir = mkdtempSync(join(tmpdir(), 'fams-e2e-archive-'));
  const second = mkdtempSync(join(tmpdir(), 'fams-e2e-pc2-'));
  const pc2 = await startServer({
    port: 0,
    dataDir: second,
    staticDir: STATIC_DIR,
    adminPassword: OTHER_PASSWORD,
    autoBackup: false,
    devices: false,
  });
  try {
    const file = await backup.downloadArchive(join(saveDir, made));
    expect(statSync(file).size).toBeGreaterThan(1000);

    // PC 2: a fresh install, its own admin; open the archive there.
    const context = await browser.newContext({ baseURL: pc2.url });
    const page2 = await context.newPage();
    const login2 = new LoginPage(page2);
    await login2.signIn('admin', OTHER_PASSWORD);
    const backup2 = new BackupPage(page2);
    await backup2.open();
    await backup2.openArchive(file);
    await expect(login2.form).toBeVisible();

    // The first PC's accounts now hold: its admin signs in, and the ledger has its assets.
    await login2.signIn('admin', ADMIN_PASSWORD);
    const ledger = new LedgerPage(page2);
    await ledger.open();
    await ledger.searchFor('搬家');
    for (const code of ['MOVE-001', 'MOVE-002', 'MOVE-003'])
      await expect(ledger.rowWith(code)).toHaveCount(1);
    const names = apiOf(pc2.core);
    const tok = names(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }).token;
    expect(names(tok, 'assets.findByCode', { code: 'MOVE-002' }).name).toBe('搬家 会议桌');
    await context.close();

    // PC 3: a brand-new install, still on the first-run setup screen: the archive opens from there.
    const third = mkdtempSync(join(tmpdir(), 'fams-e2e-pc3-'));
    const pc3 = await startServer({
      port: 0,
      dataDir: third,
      staticDir: STATIC_DIR,
      autoBackup: false,
      devices: false,
    });
    try {
      const context3 = await browser.newContext({ baseURL: pc3.url });
      const page3 = await context3.newPage();
      await page3.goto('/');
      const setup = page3.getByTestId('setup-archive');
      await expect(setup).toBeVisible();
      await setup.getByTestId('setup-archive-file').setInputFiles(file);
      await expect(setup.getByTestId('setup-archive-name')).toHaveText(made);
      await page3.screenshot({ path: test.info().outputPath('setup-archive.png'), fullPage: true });
      await setup.getByTestId('setup-archive-open').click();
      const login3 = new LoginPage(page3);
      await expect(login3.form).toBeVisible({ timeout: 60_000 });
      await login3.signIn('admin', ADMIN_PASSWORD);
      const ledger3 = new LedgerPage(page3);
      await ledger3.open();
      await ledger3.searchFor('搬家');
      await expect(ledger3.rowWith('MOVE-003')).toHaveCount(1);
      await context3.close();
    } finally {
      await pc3.close();
      rmSync(third, { recursive: true, force: true });
    }
  } finally {
    await pc2.close();
    rmSync(second, { recursive: true, force: true });
    rmSync(saveDir, { recursive: true, force: true });
  }
});
