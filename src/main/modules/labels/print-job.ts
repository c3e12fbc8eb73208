// The labels.print job: render in slices with progress, then hand the bytes back (PDF, or ZPL/TSPL
// without a printer), send them to a raw printer (TCP 9100 or serial) after checking its status, or
// give the PDF to the OS printer service of the desktop shell. The history row is finished here,
// outside the dispatcher's transaction, in one short UPDATE.
import { setImmediate as yieldTick } from 'node:timers/promises';
import { AppError } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import type { JobContext } from '../../jobs/jobs';
import { PrinterConnectionError, type LinkTimeouts, type PrinterLink } from '../../devices/printer/link';
import type { OsPrinterService } from '../../devices/printer/os-printer';
import { SerialPrinter } from '../../devices/printer/serial-transport';
import { statusProblems } from '../../devices/printer/status';
import { TcpPrinter } from '../../devices/printer/tcp-transport';
import type { LabelOutput, LabelPrintResult } from './contract';
import { LabelRenderer, type RenderRequest } from './render';

/** Where a job goes: a raw printer on the network or a serial port, or the OS print queue (PDF). */
export type PrintTarget =
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'serial'; path: string; baudRate: number }
  | { transport: 'os'; printerName: string | null; service: OsPrinterService };

export interface PrintJobInput {
  printId: number;
  output: LabelOutput;
  request: RenderRequest;
  printer: PrintTarget | null;
  tcp?: LinkTimeouts;
}

const SLICE = 25;
/** Bytes per write, so progress moves while a big batch drains into the printer. */
const SEND_CHUNK = 16 * 1024;

function finishRow(sqlite: Sqlite, printId: number, status: string, error: string | null): void {
  sqlite
    .prepare('UPDATE label_prints SET status = ?, error = ?, finished_at = ? WHERE id = ?')
    .run(status, error, new Date().toISOString(), printId);
}

function deviceError(key: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('DEVICE_ERROR', key, params);
}

export function linkFor(target: Exclude<PrintTarget, { transport: 'os' }>, opts?: LinkTimeouts): PrinterLink {
  return target.transport === 'tcp'
    ? new TcpPrinter({ host: target.host, port: target.port }, opts)
    : new SerialPrinter({ path: target.path, baudRate: target.baudRate }, opts);
}

/** Error params naming the printer the way its transport does. */
function where(target: Exclude<PrintTarget, { transport: 'os' }>): Record<string, unknown> {
  return target.transport === 'tcp' ? { host: target.host, port: target.port } : { path: target.path };
}

async function sendToPrinter(
  input: PrintJobInput,
  target: Exclude<PrintTarget, { transport: 'os' }>,
  bytes: Buffer,
  job: JobContext,
  warnings: Set<string>,
): Promise<Pick<LabelPrintResult, 'sentBytes' | 'printerStatus'>> {
  const protocol = input.output === 'zpl' ? 'zpl' : 'tspl';
  const printer = linkFor(target, input.tcp);
  try {
    await printer.connect();
  } catch (err) {
    const reason = err instanceof PrinterConnectionError ? err.reason : 'error';
    const key =
      target.transport === 'tcp'
        ? 'errors.labels.printerUnreachable'
        : 'errors.labels.serialPrinterUnreachable';
    throw deviceError(key, { ...where(target), reason });
  }
  try {
    const before = await printer.status(protocol);
    const problems = statusProblems(before);
    // Zebra firmware does not answer ~HS while it has a fault, but older printers never answer at all:
    // a silent printer still gets the job, with a warning.
    if (!before.responding) warnings.add('labels.printer.notResponding');
    else if (problems.length)
      throw deviceError('errors.labels.printerNotReady', { problems, status: before });
    for (let off = 0; off < bytes.length; off += SEND_CHUNK) {
      if (job.signal.aborted) throw new AppError('CANCELLED', 'errors.cancelled');
      await printer.write(bytes.subarray(off, off + SEND_CHUNK));
      job.progress(
        0.5 + (0.5 * Math.min(bytes.length, off + SEND_CHUNK)) / bytes.length,
        'labels.progress.sending',
      );
    }
    const after = before.responding ? await printer.status(protocol) : before;
    for (const p of after.responding ? statusProblems(after) : []) warnings.add(p);
    return { sentBytes: bytes.length, printerStatus: after };
  } catch (err) {
    if (err instanceof PrinterConnectionError) {
      throw deviceError('errors.labels.printerDisconnected', { ...where(target), reason: err.reason });
    }
    throw err;
  } finally {
    await printer.close();
  }
}

async function sendToOsPrinter(
  target: Extract<PrintTarget, { transport: 'os' }>,
  pdf: Buffer,
  job: JobContext,
): Promise<Pick<LabelPrintResult, 'sentBytes'>> {
  job.progress(0.5, 'labels.progress.sending');
  try {
    // Copies are already separate pages of the PDF (they may share an A4 sheet).
    await target.service.printPdf(pdf, target.printerName, 1);
  } catch (err) {
    throw deviceError('errors.labels.osPrintFailed', {
      printer: target.printerName ?? '',
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  return { sentBytes: pdf.length };
}

export async function runPrintJob(
  sqlite: Sqlite,
  input: PrintJobInput,
  job: JobContext,
): Promise<LabelPrintResult> {
  try {
    const renderer = new LabelRenderer(input.request, input.output);
    const share = input.printer ? 0.5 : 1;
    while (renderer.step(SLICE)) {
      job.progress((share * renderer.done) / renderer.total, 'labels.progress.rendering');
      await yieldTick();
      if (job.signal.aborted) throw new AppError('CANCELLED', 'errors.cancelled');
    }
    const { bytes } = renderer.finish();
    const warnings = renderer.warnings;
    const result: LabelPrintResult = {
      printId: input.printId,
      output: input.output,
      labels: renderer.total,
      warnings: [],
    };
    const target = input.printer;
    if (target?.transport === 'os') Object.assign(result, await sendToOsPrinter(target, bytes, job));
    else if (input.output === 'pdf') result.pdf = bytes.toString('base64');
    else if (!target) result.data = bytes.toString('base64');
    else Object.assign(result, await sendToPrinter(input, target, bytes, job, warnings));
    result.warnings = [...warnings];
    finishRow(sqlite, input.printId, 'done', null);
    return result;
  } catch (err) {
    const cancelled = job.signal.aborted || (err instanceof AppError && err.code === 'CANCELLED');
    const message = err instanceof AppError ? err.messageKey : String(err);
    finishRow(sqlite, input.printId, cancelled ? 'cancelled' : 'failed', cancelled ? null : message);
    throw err;
  }
}
