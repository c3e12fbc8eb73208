// Live counting across stations: a supervisor watches a count's progress per area while two counters,
// each restricted to their own area, count at their own browser; every scan shows up on the others'
// screens within a couple of seconds without a reload (the event stream), the plans list's progress bar
// too, and a counter picking a room outside their area is refused with a message naming it.
// Screenshot: docs/screenshots/count-live.png.
import { test, expect } from './fixtures/server';
import type { InputOf } from '../../src/main/api/contracts';
import { Scene, straightLineCategory } from './fixtures/core-scene';
import { CountsPage } from './pages/counts-page';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'count-pass-2024';
/** How long another station's scan may take to show up. */
const LIVE_MS = 2_500;
const LATER = '稍后';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

test('two counters in two areas; the supervisor and each other see every scan live', async ({
  server,
  sessions,
}) => {
  test.setTimeout(150_000);
  const scene = Scene.asAdmin(server, ADMIN_PASSWORD, PASSWORD);
  const { api, admin } = scene;
  const ids: Record<string, number> = {};
  for (const [username, displayName, role] of [
    ['manager', '王主管', 'asset_manager'],
    ['east', '东区小张', 'clerk'],
    ['west', '西区小李', 'clerk'],
  ] as const) {
    ids[username] = scene.user(username, displayName, role).id;
  }
  const cat = scene.category(straightLineCategory('E2E-LV', '办公设备', 60, 'tools_furniture'));
  const eastRoom = scene.location('E-101', '东区101', 'room');
  const westRoom = scene.location('W-WH', '西区仓库', 'room');
  const asset = (name: string, locationId: number) => scene.asset(name, cat.id, locationId, 80_000);
  const e1 = asset('东区打印机', eastRoom.id);
  const e2 = asset('东区书柜', eastRoom.id);
  const w1 = asset('西区叉车', westRoom.id);
  asset('西区货架', westRoom.id);
  const count = api(admin, 'counts.create', {
    name: '分区实时盘点',
    scope: { locationIds: [eastRoom.id, westRoom.id] },
    assignees: [
      { userId: ids.east!, locationIds: [eastRoom.id] },
      { userId: ids.west!, locationIds: [westRoom.id] },
    ],
  } as InputOf<'counts.create'>);
  api(admin, 'counts.start', { id: count.id });

  /** Each person's browser and its own errors. */
  const signedIn = async (username: string) => {
    const errors: string[] = [];
    // A refused room pick is answered 403 by the API: the browser logs the response, the app shows a toast.
    const page = await sessions.signedIn(username, PASSWORD, {
      errors,
      expectedStatus: 403,
      withSource: true,
    });
    return { page, errors };
  };
  const sup = await signedIn('manager');
  const east = await signedIn('east');
  const west = await signedIn('west');
  const supCounts = new CountsPage(sup.page);
  const eastCounts = new CountsPage(east.page);
  const westCounts = new CountsPage(west.page);
  await supCounts.openCount(count.id);
  await eastCounts.openCount(count.id);
  await westCounts.openCount(count.id);
  const area = (c: CountsPage, name: string) =>
    c.session.getByTestId('area-progress').locator(`tr[data-area="${name}"]`);
  await expect(area(supCounts, '东区101').locator('[data-col="remaining"]')).toHaveText('2');
  await expect(area(supCounts, '西区仓库').locator('[data-col="remaining"]')).toHaveText('2');

  // Each counter is told their area and sees only its progress.
  await expect(east.page.getByTestId('my-areas')).toContainText('东区101');
  await expect(eastCounts.session.getByTestId('area-progress').locator('tbody tr[data-area]')).toHaveCount(1);
  // A room outside east's area is refused, naming it; east stays where they were.
  await eastCounts.pickRoom('东区101');
  await east.page.getByTestId('count-room').locator('button.trigger').click();
  await east.page.getByTestId('count-room').locator('input.search').fill('西区仓库');
  await east.page
    .getByTestId('count-room')
    .getByRole('option')
    .filter({ hasText: '西区仓库' })
    .first()
    .locator('button')
    .click();
  await expect(east.page.locator('.toasts')).toContainText('“西区仓库”不在您负责的盘点区域内');
  await expect(eastCounts.session.getByTestId('current-room')).toContainText('东区101');

  // East scans at their station: the supervisor's progress moves without a reload.
  // Timed from the moment the scanning station shows its own result.
  await eastCounts.scan(e1.assetCode);
  let t0 = Date.now();
  await expect(area(supCounts, '东区101').locator('[data-col="found"]')).toHaveText('1', {
    timeout: LIVE_MS,
  });
  await expect(area(supCounts, '东区101').locator('[data-col="remaining"]')).toHaveText('1', {
    timeout: LIVE_MS,
  });
  const eastToSupervisor = Date.now() - t0;

  // West scans theirs: the supervisor sees it, and west's scan shows in east's feed of the count.
  await westCounts.pickRoom('西区仓库');
  await westCounts.scan(w1.assetCode);
  t0 = Date.now();
  await expect(area(supCounts, '西区仓库').locator('[data-col="found"]')).toHaveText('1', {
    timeout: LIVE_MS,
  });
  const westToSupervisor = Date.now() - t0;
  await expect(eastCounts.session.getByTestId('scan-feed')).toContainText(w1.assetCode, { timeout: LIVE_MS });
  // …and an unknown code west finds counts in the supervisor's "unknown" column.
  await westCounts.scan('NO-LABEL-77');
  await expect(area(supCounts, '西区仓库').locator('[data-col="unknown"]')).toHaveText('1', {
    timeout: LIVE_MS,
  });
  // West describes it later.
  await westCounts.surplusDialog.getByRole('button', { name: LATER }).click();
  await expect(westCounts.surplusDialog).toBeHidden();
  await sup.page.screenshot({ path: 'docs/screenshots/count-live.png' });

  // The plans list's progress bar follows the scans too.
  await supCounts.open();
  const bar = supCounts.list.getByTestId('count-list').locator('.bar-row').first();
  await expect(bar).toContainText('2 / 4');
  await eastCounts.scan(e2.assetCode);
  t0 = Date.now();
  await expect(bar).toContainText('3 / 4', { timeout: LIVE_MS + 1000 });
  const eastToList = Date.now() - t0;
  console.log(
    `live: east→supervisor ${eastToSupervisor} ms, west→supervisor ${westToSupervisor} ms, east→list ${eastToList} ms`,
  );

  expect(sup.errors).toEqual([]);
  expect(east.errors).toEqual([]);
  expect(west.errors).toEqual([]);
  for (const p of [sup.page, east.page, west.page]) await p.context().close();
});
