// Printer status for the devices screen: what each configured raw printer (TCP or serial) said last,
// from a status check or a print job, announced as 'printer.status' events. A check never opens a
// printer while a print job has it (a serial port opens once; many printers take one connection).
import type { CoreServices } from '../../api/context';
import { AppError } from '../../api/errors';
import { PrinterConnectionError } from '../../devices/printer/link';
import { statusProblems, type PrinterStatus } from '../../devices/printer/status';
import type { PrinterStatusReport } from '../../devices/printer/status-types';
import { linkFor, type PrintTarget } from './print-job';

/** A raw printer (TCP 9100 or serial): every print target but the OS queue. */
export type RawPrinterAddress = Exclude<PrintTarget, { transport: 'os' }>;

interface Board {
  last: Map<number, PrinterStatusReport>;
  /** Jobs holding or waiting for each printer. */
  busy: Map<number, number>;
  /** The last job in each printer's queue: the next one starts when it ends. */
  queue: Map<number, Promise<unknown>>;
}

const boards = new WeakMap<CoreServices, Board>();

function board(core: CoreServices): Board {
  let b = boards.get(core);
  if (!b) boards.set(core, (b = { last: new Map(), busy: new Map(), queue: new Map() }));
  return b;
}

export function lastPrinterStatus(core: CoreServices, deviceId: number): PrinterStatusReport | null {
  return board(core).last.get(deviceId) ?? null;
}

export function printerBusy(core: CoreServices, deviceId: number): boolean {
  return (board(core).busy.get(deviceId) ?? 0) > 0;
}

/**
 * Takes a place in the printer's queue now (synchronously, so a handler can reserve before its job
 * starts on the next tick); the returned runner waits for the jobs ahead, then runs `work` alone.
 * A serial port opens only once and many printers serve one connection at a time.
 */
function reservePrinter(core: CoreServices, deviceId: number) {
  const b = board(core);
  b.busy.set(deviceId, (b.busy.get(deviceId) ?? 0) + 1);
  const ahead = b.queue.get(deviceId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  b.queue.set(deviceId, mine);
  return async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      await ahead;
      return await work();
    } finally {
      const left = (b.busy.get(deviceId) ?? 1) - 1;
      if (left > 0) b.busy.set(deviceId, left);
      else b.busy.delete(deviceId);
      if (b.queue.get(deviceId) === mine) b.queue.delete(deviceId);
      release();
    }
  };
}

/** Stores and announces what the printer said (null status: unreachable). */
export function reportPrinterStatus(
  core: CoreServices,
  deviceId: number,
  status: PrinterStatus | null,
): PrinterStatusReport {
  const report: PrinterStatusReport = {
    deviceId,
    checkedAt: core.now().toISOString(),
    status,
    problems: status ? statusProblems(status) : ['labels.printer.unreachable'],
  };
  board(core).last.set(deviceId, report);
  core.events.emit({ type: 'printer.status', payload: report });
  return report;
}

/** Connects, asks for the status (ZPL ~HS / TSPL <ESC>!?), lets go. */
export async function checkPrinterStatus(
  core: CoreServices,
  deviceId: number,
  address: RawPrinterAddress,
  protocol: 'zpl' | 'tspl',
): Promise<PrinterStatusReport> {
  return reservePrinter(
    core,
    deviceId,
  )(async () => {
    const link = linkFor(address, { connectTimeoutMs: 2000 });
    try {
      await link.connect();
      return reportPrinterStatus(core, deviceId, await link.status(protocol));
    } catch (err) {
      if (err instanceof PrinterConnectionError) return reportPrinterStatus(core, deviceId, null);
      throw err;
    } finally {
      await link.close();
    }
  });
}

/**
 * A print job to a configured raw printer: reserved now, run in the printer's queue, its status
 * checks reported to the board.
 */
export function trackPrintJob<T extends { printerStatus?: PrinterStatus }>(
  core: CoreServices,
  deviceId: number,
) {
  const hold = reservePrinter(core, deviceId);
  return (run: () => Promise<T>): Promise<T> =>
    hold(async () => {
      try {
        const result = await run();
        if (result.printerStatus) reportPrinterStatus(core, deviceId, result.printerStatus);
        return result;
      } catch (err) {
        if (err instanceof AppError && err.code === 'DEVICE_ERROR') {
          const status = (err.params as { status?: PrinterStatus }).status;
          if (status) reportPrinterStatus(core, deviceId, status);
          else if (/Unreachable|Disconnected/.test(err.messageKey)) reportPrinterStatus(core, deviceId, null);
        }
        throw err;
      }
    });
}
