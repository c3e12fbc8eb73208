// The core: opens the ledger in the data folder, builds the dispatcher, and owns events and jobs.
// Both shells (Electron, browser) start exactly this; it imports nothing from electron.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db/client';
import { quickCheckInWorker } from './db/integrity';
import { EventHub } from './events';
import { JobManager } from './jobs/jobs';
import { DeviceManager, attachDeviceManager, type DeviceManagerOptions } from './devices/manager';
import { attachOsPrinter, type OsPrinterService } from './devices/printer/os-printer';
import { createDispatch, type Dispatch } from './api/dispatch';
import { contracts } from './api/contracts';
import { handlers } from './api/handlers';
import type { CoreServices } from './api/context';
import { makeSessionResolver, syncBuiltinRoles } from './modules/users/accounts';
import { isSetUp, performSetup } from './modules/system/setup';
import { appendAudit } from './modules/audit/audit-log';
import { localPeriod } from './util/dates';
import { startBackupScheduler } from './modules/backup/scheduler';
import { startLoanReminders } from './modules/loans/reminders';

export interface CoreOptions {
  dataDir: string;
  /** Clock, for tests. */
  now?: () => Date;
  /** Headless first run: create admin with this password on an empty data folder. */
  adminPassword?: string;
  migrationsDir?: string;
  /** Daily and on-exit backups into <dataDir>/backups (default on). */
  autoBackup?: boolean;
  /** Device manager options (tests inject discovery listers); false: no devices (tools, demo). */
  devices?: DeviceManagerOptions | false;
  /** quick_check: 'auto' (default) runs it in the background on large files. */
  integrity?: 'auto' | 'sync' | 'background';
  /** The desktop shell's OS printing (PDF to a system printer); absent in the browser shell. */
  osPrinter?: OsPrinterService;
}

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  services: CoreServices;
  close(): Promise<void>;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const DB_FILE = 'fams.db';

async function runBackgroundCheck(file: string, services: CoreServices, events: EventHub): Promise<void> {
  const t0 = performance.now();
  const result = await quickCheckInWorker(file);
  const checkedAt = new Date().toISOString();
  services.integrity =
    result === 'ok'
      ? { status: 'ok', checkedAt, ms: Math.round(performance.now() - t0) }
      : { status: 'failed', detail: result, checkedAt };
  if (result !== 'ok') console.error(`[core] quick_check failed: ${result}`);
  events.emit({ type: 'system.integrity', payload: services.integrity });
}

export function startCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true });
  for (const sub of ['attachments', 'backups', 'logs'])
    mkdirSync(join(opts.dataDir, sub), { recursive: true });
  const dbFile = join(opts.dataDir, DB_FILE);
  const { sqlite, db, schemaVersion, integrityPending } = openDatabase(dbFile, {
    migrationsDir: opts.migrationsDir,
    integrity: opts.integrity,
  });
  const now = opts.now ?? (() => new Date());
  const events = new EventHub();
  const jobs = new JobManager(events);
  const services: CoreServices = {
    dataDir: opts.dataDir,
    db,
    sqlite,
    events,
    jobs,
    now,
    appVersion: appVersion(),
    schemaVersion,
    integrity: integrityPending
      ? { status: 'checking', startedAt: new Date().toISOString() }
      : { status: 'ok', checkedAt: new Date().toISOString(), ms: 0 },
  };
  // A large ledger is checked in the background; a failure stops all writes (dispatch refuses them).
  const integrityDone = integrityPending ? runBackgroundCheck(dbFile, services, events) : Promise.resolve();

  const adminPassword = opts.adminPassword ?? process.env.FAMS_ADMIN_PASSWORD;
  if (adminPassword && !isSetUp(sqlite)) {
    const t = now();
    sqlite
      .transaction(() => {
        performSetup(
          sqlite,
          {
            companyName: process.env.FAMS_COMPANY_NAME ?? '我的公司',
            accountingStandard: 'cas',
            firstPeriod: localPeriod(t),
            adminPassword,
            locale: 'zh-CN',
          },
          t.toISOString(),
        );
        appendAudit(sqlite, {
          at: t.toISOString(),
          userId: null,
          username: '',
          source: 'system',
          action: 'system.setup',
          entity: 'system',
          details: { headless: true },
        });
      })
      .immediate();
  }

  // A newer app may bring permissions the stored built-in roles have never seen.
  if (isSetUp(sqlite)) sqlite.transaction(() => syncBuiltinRoles(sqlite, now().toISOString())).immediate();

  const dispatch = createDispatch({
    core: services,
    contracts,
    handlers,
    resolveSession: makeSessionResolver(sqlite, now),
  });

  const devices = opts.devices === false ? null : new DeviceManager(services, opts.devices);
  if (devices) {
    attachDeviceManager(services, devices);
    devices.start();
  }

  if (opts.osPrinter) attachOsPrinter(services, opts.osPrinter);

  const backups = startBackupScheduler(services, { enabled: opts.autoBackup ?? true });
  const loanReminders = startLoanReminders(services);

  let closed = false;
  return {
    dispatch,
    events,
    services,
    async close() {
      if (closed) return;
      closed = true;
      jobs.cancelAll();
      await jobs.idle();
      await integrityDone;
      await backups.stop();
      loanReminders.stop();
      await devices?.stop();
      try {
        // Refresh planner statistics where they have drifted; never let that block a close.
        if (services.integrity.status !== 'failed') sqlite.pragma('optimize');
      } finally {
        sqlite.close();
      }
    },
  };
}
