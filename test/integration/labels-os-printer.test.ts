// labels.print to an OS printer (transport 'os', protocol 'pdf'): the core hands the PDF to the shell's
// OS printer service. Here that service is a spooler sink that records what it was given (a test double
// for the operating system's print queue, like S8 in the hardware reference, not for our code); the
// PDF it received is rasterised and its codes decoded back to the asset codes. Without the service
// (browser shell) the call is refused with a translated error that says the PDF is downloaded instead.
import { rmSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../src/main/core';
import {
  attachOsPrinter,
  cachedOsPrinters,
  type OsPrinterService,
} from '../../src/main/devices/printer/os-printer';
import type { LabelPrintResult } from '../../src/main/modules/labels/contract';
import { messages as errorMessages } from '../../src/renderer/src/lib/i18n/messages/errors';
import { ADMIN_PASSWORD, makeTempDir, startTestCore, type TestCore } from '../helpers/core';
import { decodeCodes, makeAssets, pdfToPngs, requireTools, waitJob } from './labels-helpers';

class SpoolerSink implements OsPrinterService {
  jobs: { pdf: Buffer; printerName: string | null; copies: number }[] = [];
  failWith: string | null = null;
  extra: string | null = null;
  list() {
    return Promise.resolve([
      { name: 'Office_Laser', isDefault: true },
      { name: 'Brother_QL_820NWB', isDefault: false },
      ...(this.extra ? [{ name: this.extra, isDefault: false }] : []),
    ]);
  }
  printPdf(pdf: Buffer, printerName: string | null, copies: number) {
    if (this.failWith) return Promise.reject(new Error(this.failWith));
    this.jobs.push({ pdf, printerName, copies });
    return Promise.resolve();
  }
}

let t: TestCore;
beforeAll(() => requireTools());
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await t.close();
});

function addOsPrinter(name: string | null) {
  return t.call(t.adminToken, 'devices.add', {
    kind: 'printer',
    transport: 'os',
    protocol: 'pdf',
    path: name,
    name: '办公室激光打印机',
  }).id;
}

const zh = (key: string) => (errorMessages['zh-CN'] as Record<string, string>)[key];

describe('OS printer through the shell service', () => {
  it('the PDF reaches the named system printer; its pages decode to the asset codes; history done', async () => {
    const sink = new SpoolerSink();
    attachOsPrinter(t.core.services, sink);
    const deviceId = addOsPrinter('Brother_QL_820NWB');
    const assets = makeAssets(t);
    const { jobId, printId } = t.call(t.adminToken, 'labels.print', {
      assetIds: assets.map((a) => a.id),
      deviceId,
      copies: 2,
    });
    const job = await waitJob(t, t.adminToken, jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    const res = job.result as LabelPrintResult;
    expect(res).toMatchObject({ output: 'pdf', labels: 8 });
    expect(res.pdf).toBeUndefined(); // printed, not handed back for download
    expect(sink.jobs).toHaveLength(1);
    const { pdf, printerName, copies } = sink.jobs[0]!;
    expect(printerName).toBe('Brother_QL_820NWB');
    // Copies are pages of the PDF already; the spooler is asked for one.
    expect(copies).toBe(1);
    expect(res.sentBytes).toBe(pdf.length);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfToPngs(pdf);
    expect(pages).toHaveLength(8);
    pages.forEach((png, i) => {
      const code = assets[Math.floor(i / 2)]!.assetCode;
      expect(decodeCodes(png).sort()).toEqual([`CODE-128:${code}`, `QR-Code:${code}`]);
    });
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({
      id: printId,
      status: 'done',
      output: 'pdf',
      target: `device:${deviceId}`,
    });
  });

  it('no printer name prints on the system default; the spooler refusing fails the job and its history row', async () => {
    const sink = new SpoolerSink();
    attachOsPrinter(t.core.services, sink);
    const deviceId = addOsPrinter(null);
    const [a] = makeAssets(t, ['测试一']);
    const first = t.call(t.adminToken, 'labels.print', { assetIds: [a!.id], deviceId });
    expect((await waitJob(t, t.adminToken, first.jobId)).status).toBe('done');
    expect(sink.jobs[0]!.printerName).toBeNull();

    sink.failWith = 'Print job failed';
    const { jobId, printId } = t.call(t.adminToken, 'labels.print', { assetIds: [a!.id], deviceId });
    const job = await waitJob(t, t.adminToken, jobId);
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        code: 'DEVICE_ERROR',
        message: 'errors.labels.osPrintFailed',
        params: { reason: 'Print job failed' },
      },
    });
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({ id: printId, status: 'failed' });
  });

  it('the service is listed for the UI (cached: handlers cannot wait for the OS)', async () => {
    expect(t.call(t.adminToken, 'labels.osPrinters', {})).toEqual({
      available: false,
      printers: [],
      listedAt: null,
    });
    const sink = new SpoolerSink();
    attachOsPrinter(t.core.services, sink);
    await new Promise((r) => setTimeout(r, 0));
    const listed = t.call(t.adminToken, 'labels.osPrinters', {});
    expect(listed.available).toBe(true);
    expect(listed.printers).toEqual([
      { name: 'Office_Laser', isDefault: true },
      { name: 'Brother_QL_820NWB', isDefault: false },
    ]);
    // A printer added to the system shows up after a refresh.
    sink.extra = 'Kyocera_M2040';
    t.call(t.adminToken, 'labels.osPrinters', { refresh: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(t.call(t.adminToken, 'labels.osPrinters', {}).printers.map((p) => p.name)).toContain(
      'Kyocera_M2040',
    );
  });

  it('startCore({ osPrinter }) registers the shell service', async () => {
    const dir = makeTempDir();
    const sink = new SpoolerSink();
    const core = startCore({
      dataDir: dir,
      adminPassword: ADMIN_PASSWORD,
      autoBackup: false,
      osPrinter: sink,
    });
    try {
      expect(cachedOsPrinters(core.services).available).toBe(true);
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OS printer without the service (browser shell)', () => {
  it('labels.print refuses at once with a translated error saying the PDF is downloaded instead', () => {
    const deviceId = addOsPrinter('Office_Laser');
    const [a] = makeAssets(t, ['测试一']);
    const r = t.raw(t.adminToken, 'labels.print', { assetIds: [a!.id], deviceId });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_ERROR', message: 'errors.labels.osPrinterUnavailable' },
    });
    expect(zh('errors.labels.osPrinterUnavailable')).toContain('PDF');
    // Nothing was queued or recorded for a print that could not start.
    expect(t.call(t.adminToken, 'labels.history', {})).toEqual([]);
  });

  it('ZPL/TSPL printers cannot use the OS transport (raw spooler jobs are not built)', () => {
    attachOsPrinter(t.core.services, new SpoolerSink());
    const deviceId = t.call(t.adminToken, 'devices.add', {
      kind: 'printer',
      transport: 'os',
      protocol: 'zpl',
      path: 'ZDesigner',
    }).id;
    const [a] = makeAssets(t, ['测试一']);
    expect(t.raw(t.adminToken, 'labels.print', { assetIds: [a!.id], deviceId })).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_ERROR', message: 'errors.labels.transportUnsupported' },
    });
  });
});
