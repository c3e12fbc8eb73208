// `npm run demo -- --data <dir> --assets <N> [--seed <n>] [--force]`: sets up a company in an empty
// data folder and loads the sample company into it. A folder that is already set up is refused;
// --force deletes its database first.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from './db/client';
import { DB_FILE } from './core';
import { isSetUp, performSetup } from './modules/system/setup';
import { appendAudit } from './modules/audit/audit-log';
import { loadSampleCompany } from './demo/generate';
import { localPeriod } from './util/dates';

const USAGE = 'usage: npm run demo -- --data <dir> [--assets <N>] [--seed <n>] [--company <name>] [--force]';

function main(): number {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      assets: { type: 'string', default: '2000' },
      seed: { type: 'string' },
      company: { type: 'string', default: '上海示例智能科技有限公司' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.data) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const assets = Number(values.assets);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(assets) || assets < 0 || assets > 5_000_000) {
    console.error(`--assets must be a whole number from 0 to 5000000 (got ${values.assets})`);
    return 2;
  }
  if (seed !== undefined && !Number.isInteger(seed)) {
    console.error(`--seed must be a whole number (got ${values.seed})`);
    return 2;
  }

  const adminPassword = process.env.FAMS_ADMIN_PASSWORD || 'admin123456';
  if (adminPassword.length < 8) {
    console.error('FAMS_ADMIN_PASSWORD must have at least 8 characters');
    return 2;
  }

  const dataDir = resolve(values.data);
  const dbFile = join(dataDir, DB_FILE);
  mkdirSync(dataDir, { recursive: true });
  for (const sub of ['attachments', 'backups', 'logs']) mkdirSync(join(dataDir, sub), { recursive: true });
  if (existsSync(dbFile)) {
    const probe = openDatabase(dbFile);
    const setUp = isSetUp(probe.sqlite);
    probe.sqlite.close();
    if (setUp && !values.force) {
      console.error(
        `${dataDir} already holds a company. Use --force to delete its database and build a new sample.`,
      );
      return 1;
    }
    if (setUp) {
      console.log(`--force: deleting the existing database in ${dataDir}`);
      for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
    }
  }

  const started = performance.now();
  const { sqlite } = openDatabase(dbFile);
  try {
    const now = new Date();
    const nowIso = now.toISOString();
    let setupMs = 0;
    const summary = sqlite
      .transaction(() => {
        const t = performance.now();
        performSetup(
          sqlite,
          {
            companyName: values.company!,
            accountingStandard: 'cas',
            firstPeriod: localPeriod(now),
            adminPassword,
            locale: 'zh-CN',
          },
          nowIso,
        );
        setupMs = performance.now() - t;
        const s = loadSampleCompany(sqlite, { assets, now, seed });
        appendAudit(sqlite, {
          at: nowIso,
          userId: null,
          username: '',
          source: 'system',
          action: 'system.setup',
          entity: 'system',
          details: {
            companyName: values.company,
            sampleCompany: true,
            sampleAssets: assets,
            seed: seed ?? null,
            cli: 'demo',
          },
        });
        return s;
      })
      .immediate();
    sqlite.pragma('optimize');
    const totalMs = performance.now() - started;
    console.log(`Sample company "${values.company}" in ${dataDir}`);
    console.log(
      `  ${summary.departments} departments, ${summary.locations} locations, ${summary.custodians} custodians, ` +
        `${summary.suppliers} suppliers, ${summary.assets} assets`,
    );
    console.log(
      `  timing: setup ${Math.round(setupMs)} ms, sample ${summary.ms} ms, total ${Math.round(totalMs)} ms`,
    );
    console.log(
      `  sign in as admin / ${process.env.FAMS_ADMIN_PASSWORD ? '(FAMS_ADMIN_PASSWORD)' : adminPassword}`,
    );
    console.log(`  open it with: npm run serve -- --data ${dataDir}`);
    return 0;
  } finally {
    sqlite.close();
  }
}

process.exitCode = main();
