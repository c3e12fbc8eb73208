// Printer status for the devices screen: what each configured raw printer (TCP or serial) said last,
// from a status check or a print job, announced as 'printer.status' events. A check never opens a
// printer while a print job has it (a serial port opens once; many printers take one connection).
import type { CoreServices } from '../../api/context';
import { AppError } from '../../api/errors';
import { PrinterConnectionError, type PrinterLink } from '../../devices/printer/link';
import { SerialPrinter } from '../../devices/printer/serial-transport';
import { statusProblems, type PrinterStatus } from '../../devices/printer/status';
import type { PrinterStatusReport } from '../../devices/printer/status-types';

export type { PrinterStatusReport };
import { TcpPrinter } from '../../devices/printer/tcp-transport';

export type RawPrinterAddress =
  { transport: 'tcp'; host: string; port: number } | { transport: 'serial'; path: string; baudRate: number };

interface Board {
  last: Map<number, PrinterStatusReport>;
  busy: Set<number>;
}

const boards = new WeakMap<CoreServices, Board>();

function board(core: CoreServices): Board {
  let b = boards.get(core);
  if (!b) boards.set(core, (b = { last: new Map(), busy: new Set() }));
  return b;
}

export function lastPrinterStatus(core: CoreServices, deviceId: number): PrinterStatusReport | null {
  return board(core).last.get(deviceId) ?? null;
}

export function printerBusy(core: CoreServices, deviceId: number): boolean {
  return board(core).busy.has(deviceId);
}

/** Marks the device busy for the duration of `work` (a print job or a check). */
export async function withPrinter<T>(
  core: CoreServices,
  deviceId: number,
  work: () => Promise<T>,
): Promise<T> {
  const b = board(core);
  b.busy.add(deviceId);
  try {
    return await work();
  } finally {
    b.busy.delete(deviceId);
  }
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
  return withPrinter(core, deviceId, async () => {
    const link: PrinterLink =
      address.transport === 'tcp'
        ? new TcpPrinter({ host: address.host, port: address.port }, { connectTimeoutMs: 2000 })
        : new SerialPrinter({ path: address.path, baudRate: address.baudRate }, { connectTimeoutMs: 2000 });
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

/** Runs a print job to a configured raw printer, keeping its status board up to date. */
export function trackPrintJob<T extends { printerStatus?: PrinterStatus }>(
  core: CoreServices,
  deviceId: number,
  run: () => Promise<T>,
): Promise<T> {
  return withPrinter(core, deviceId, async () => {
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
