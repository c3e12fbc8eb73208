// Automatic backups: a daily one (shortly after the first start of each day, then every 24 hours
// while running) and one on exit, each skipped when the ledger has not changed since the newest
// backup; afterwards the oldest automatic ones beyond the retention setting are pruned.
import type { CoreServices } from '../../api/context';
import { localDate } from '../../util/dates';
import { isSetUp } from '../system/setup';
import { auditTail, createBackup, exclusive, keepSetting } from './backups';
import type { BackupInfo } from './contract';
import { listBackups, nameDate, pruneAutomatic, readSidecar, removeTempFiles } from './files';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SchedulerOptions {
  enabled: boolean;
  /** Delay before the start-of-day check, so the backup does not compete with start-up work. */
  firstDelayMs?: number;
  intervalMs?: number;
}

export interface BackupScheduler {
  /** Stops the timers, waits for a running backup, then makes the exit backup. Never throws. */
  stop(): Promise<void>;
}

/** True when the newest backup already holds the current ledger (same last audit row). */
function unchangedSinceNewest(core: CoreServices, newest: BackupInfo | undefined): boolean {
  if (!newest) return false;
  const tail = auditTail(core.sqlite);
  const saved = readSidecar(core.dataDir, newest.name)?.auditTail;
  return !!tail && !!saved && saved.id === tail.id && saved.hash === tail.hash;
}

export async function automaticBackup(
  core: CoreServices,
  kind: 'daily' | 'exit',
  opts: { onlyIfNoneToday?: boolean } = {},
): Promise<BackupInfo | null> {
  if (!isSetUp(core.sqlite)) return null;
  const all = listBackups(core.dataDir);
  const today = localDate(core.now());
  if (opts.onlyIfNoneToday && all.some((b) => b.kind === 'daily' && nameDate(b.name) === today)) return null;
  if (unchangedSinceNewest(core, all[0])) return null;
  const info = await createBackup(core, { kind, by: null, note: '' });
  pruneAutomatic(core.dataDir, keepSetting(core.sqlite));
  return info;
}

export function startBackupScheduler(core: CoreServices, opts: SchedulerOptions): BackupScheduler {
  removeTempFiles(core.dataDir);
  if (!opts.enabled) return { stop: async () => undefined };

  let running: Promise<unknown> = Promise.resolve();
  const run = (kind: 'daily' | 'exit', onlyIfNoneToday: boolean) => {
    running = exclusive(core, () => automaticBackup(core, kind, { onlyIfNoneToday })).catch(
      (err: unknown) => {
        // A failed automatic backup must not stop the app; the next one tries again.
        console.warn(`[backup] ${kind} backup failed:`, err instanceof Error ? err.message : err);
      },
    );
    return running;
  };
  const first = setTimeout(() => void run('daily', true), opts.firstDelayMs ?? 30_000);
  const every = setInterval(() => void run('daily', false), opts.intervalMs ?? DAY_MS);
  first.unref();
  every.unref();

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        clearTimeout(first);
        clearInterval(every);
        await running;
        await run('exit', false);
      })();
      return stopping;
    },
  };
}
