// The labels.print job: render in slices with progress, then hand the bytes back (PDF, or ZPL/TSPL
// without a printer) or send them to a network printer after checking its status. The history
// row is finished here, outside the dispatcher's transaction, in one short UPDATE.
import { setImmediate as yieldTick } from 'node:timers/promises';
import { AppError } from '../../api/errors';
import type { Sqlite } from '../../db/client';
import type { JobContext } from '../../jobs/jobs';
import { statusProblems } from '../../devices/printer/status';
import { PrinterConnectionError, TcpPrinter, type TcpOptions } from '../../devices/printer/tcp-transport';
import type { LabelOutput, LabelPrintResult } from './contract';
import { LabelRenderer, type RenderRequest } from './render';

export interface PrintJobInput {
  printId: number;
  output: LabelOutput;
  request: RenderRequest;
  printer: { host: string; port: number } | null;
  tcp?: TcpOptions;
}

const SLICE = 25;
/** Bytes per network write, so progress moves while a big batch drains into the printer. */
const SEND_CHUNK = 16 * 1024;

function finishRow(sqlite: Sqlite, printId: number, status: string, error: string | null): void {
  sqlite
    .prepare('UPDATE label_prints SET status = ?, error = ?, finished_at = ? WHERE id = ?')
    .run(status, error, new Date().toISOString(), printId);
}

function deviceError(key: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('DEVICE_ERROR', key, params);
}

async function sendToPrinter(
  input: PrintJobInput,
  bytes: Buffer,
  job: JobContext,
  warnings: Set<string>,
): Promise<Pick<LabelPrintResult, 'sentBytes' | 'printerStatus'>> {
  const protocol = input.output === 'zpl' ? 'zpl' : 'tspl';
  const { host, port } = input.printer!;
  const printer = new TcpPrinter({ host, port }, input.tcp);
  try {
    await printer.connect();
  } catch (err) {
    const reason = err instanceof PrinterConnectionError ? err.reason : 'error';
    throw deviceError('errors.labels.printerUnreachable', { host, port, reason });
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
      throw deviceError('errors.labels.printerDisconnected', { host, port, reason: err.reason });
    }
    throw err;
  } finally {
    await printer.close();
  }
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
    if (input.output === 'pdf') result.pdf = bytes.toString('base64');
    else if (!input.printer) result.data = bytes.toString('base64');
    else Object.assign(result, await sendToPrinter(input, bytes, job, warnings));
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
