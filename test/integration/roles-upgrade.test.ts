import { afterEach, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core';
import { ADMIN_PASSWORD, makeTempDir } from '../helpers/core';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const clerkPerms = (c: Core) =>
  JSON.parse(
    (
      c.services.sqlite.prepare("SELECT permissions FROM roles WHERE key = 'clerk'").get() as {
        permissions: string;
      }
    ).permissions,
  ) as string[];

it('a newer app grants its new default permissions to built-in roles once, keeping an admin’s removals', async () => {
  const dir = makeTempDir();
  const first = startCore({ dataDir: dir, adminPassword: ADMIN_PASSWORD });
  expect(clerkPerms(first)).toContain('counts.count');
  // Make the database look as an older version left it: it never knew counts.count, and an admin
  // deliberately took assets.write away from clerks.
  const { sqlite } = first.services;
  const known = (
    JSON.parse(
      (
        sqlite.prepare("SELECT value FROM app_settings WHERE key = 'roles.knownPermissions'").get() as {
          value: string;
        }
      ).value,
    ) as string[]
  ).filter((p) => p !== 'counts.count');
  sqlite
    .prepare("UPDATE app_settings SET value = ? WHERE key = 'roles.knownPermissions'")
    .run(JSON.stringify(known));
  const older = clerkPerms(first).filter((p) => p !== 'counts.count' && p !== 'assets.write');
  sqlite.prepare("UPDATE roles SET permissions = ? WHERE key = 'clerk'").run(JSON.stringify(older));
  await first.close();

  core = startCore({ dataDir: dir });
  const now = clerkPerms(core);
  expect(now).toContain('counts.count');
  expect(now).not.toContain('assets.write');
  // Only once: removing it again and restarting leaves it removed.
  core.services.sqlite
    .prepare("UPDATE roles SET permissions = ? WHERE key = 'clerk'")
    .run(JSON.stringify(older));
  await core.close();
  core = startCore({ dataDir: dir });
  expect(clerkPerms(core)).not.toContain('counts.count');
});
